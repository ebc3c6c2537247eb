// Every screen of the client: its path, its component, who sees it in the navigation and its
// title. A screen's component receives the path's parameters as props. `nav` lists the roles
// whose main navigation shows the screen (in this order); `public` screens need no sign-in.
import { SignIn } from "./screens/signin/index.jsx";
import { Home } from "./screens/home/index.jsx";
import { Cases } from "./screens/cases/index.jsx";
import { ReferralPage } from "./screens/referral/index.jsx";
import { Inbox } from "./screens/inbox/index.jsx";
import { lazyScreen } from "./lazy-screen.jsx";

// The sign-in and home screens, the cases list, the inbox and a referral's page are in the first
// file; every other screen is fetched when first opened (the case page, the referral form, the
// directory, capacity and hours, meetings, the network, transfers, the administrator's and the
// auditor's screens), so they add nothing to what the sign-in and home screens download.
const CasePage = lazyScreen(() => import("./screens/case/index.jsx"), "CasePage");
const ReferralNew = lazyScreen(() => import("./screens/referral-new/index.jsx"), "ReferralNew");
const MyOrganization = lazyScreen(() => import("./screens/my-organization/index.jsx"), "MyOrganization");
const Directory = lazyScreen(() => import("./screens/directory/index.jsx"), "Directory");
const OrganizationPage = lazyScreen(() => import("./screens/directory/index.jsx"), "OrganizationPage");
const Meetings = lazyScreen(() => import("./screens/meetings/index.jsx"), "Meetings");
const MeetingPage = lazyScreen(() => import("./screens/meetings/meeting.jsx"), "MeetingPage");
const MeetingPrint = lazyScreen(() => import("./screens/meetings/print.jsx"), "MeetingPrint");
const ActionItems = lazyScreen(() => import("./screens/action-items/index.jsx"), "ActionItems");
const Network = lazyScreen(() => import("./screens/network/index.jsx"), "Network");
const AdminUsers = lazyScreen(() => import("./screens/admin-users/index.jsx"), "AdminUsers");
const AdminUserNew = lazyScreen(() => import("./screens/admin-users/index.jsx"), "AdminUserNew");
const AdminUser = lazyScreen(() => import("./screens/admin-users/index.jsx"), "AdminUser");
const AdminOrganizations = lazyScreen(() => import("./screens/admin-organizations/index.jsx"), "AdminOrganizations");
const AdminOrganizationNew = lazyScreen(() => import("./screens/admin-organizations/index.jsx"), "AdminOrganizationNew");
const AdminOrganization = lazyScreen(() => import("./screens/admin-organizations/index.jsx"), "AdminOrganization");
const Transfers = lazyScreen(() => import("./screens/transfers/index.jsx"), "Transfers");
const TransferPage = lazyScreen(() => import("./screens/transfers/index.jsx"), "TransferPage");
const Audit = lazyScreen(() => import("./screens/audit/index.jsx"), "Audit");

const ward = ["coordinator", "ward_staff"];

export const routes = [
  { path: "/signin", component: SignIn, public: true, title: { ja: "ログイン", en: "Sign in" } },
  { path: "/", component: Home, title: { ja: "ホーム", en: "Home" }, nav: [...ward, "partner", "admin", "auditor"] },
  { path: "/cases", component: Cases, title: { ja: "ケース一覧", en: "Cases" }, navTitle: { ja: "ケース", en: "Cases" }, nav: ward },
  { path: "/cases/:id/refer", component: ReferralNew, title: { ja: "関係機関に紹介する", en: "Refer to a partner" } },
  { path: "/cases/:id", component: CasePage, title: { ja: "ケース", en: "Case" } },
  { path: "/transfers", component: Transfers, title: { ja: "転居・ケース移管", en: "Transfers between wards" }, navTitle: { ja: "移管", en: "Transfers" }, nav: ward },
  { path: "/transfers/:id", component: TransferPage, title: { ja: "移管", en: "Transfer" } },
  { path: "/inbox", component: Inbox, title: { ja: "紹介の受信箱", en: "Referral inbox" }, navTitle: { ja: "受信箱", en: "Inbox" }, nav: ["partner"] },
  { path: "/referrals/:id", component: ReferralPage, title: { ja: "紹介", en: "Referral" } },
  { path: "/my-organization", component: MyOrganization, title: { ja: "受入状況と受付時間", en: "Capacity and hours" }, navTitle: { ja: "受入状況", en: "Capacity" }, nav: ["partner"] },
  { path: "/directory", component: Directory, title: { ja: "関係機関を探す", en: "Find a partner" }, navTitle: { ja: "関係機関", en: "Directory" }, nav: [...ward, "partner", "admin"] },
  { path: "/directory/:id", component: OrganizationPage, title: { ja: "関係機関", en: "Partner" } },

  // Screens of the meetings, the network, the administrator and the auditor are added below.
  { path: "/meetings", component: Meetings, title: { ja: "会議", en: "Meetings" }, nav: [...ward, "partner"] },
  { path: "/meetings/:id/print", component: MeetingPrint, title: { ja: "議題・議事録（印刷用）", en: "Agenda and minutes (print)" } },
  { path: "/meetings/:id", component: MeetingPage, title: { ja: "会議", en: "Meeting" } },
  { path: "/action-items", component: ActionItems, title: { ja: "アクション", en: "Action items" } },
  { path: "/network", component: Network, title: { ja: "ネットワーク図", en: "Network map" }, navTitle: { ja: "ネットワーク", en: "Network" }, nav: ward },
  { path: "/admin/users", component: AdminUsers, title: { ja: "アカウント管理", en: "Accounts" }, navTitle: { ja: "アカウント", en: "Accounts" }, nav: ["admin"] },
  { path: "/admin/users/new", component: AdminUserNew, title: { ja: "アカウントの作成", en: "New account" } },
  { path: "/admin/users/:id", component: AdminUser, title: { ja: "アカウント", en: "Account" } },
  { path: "/admin/organizations", component: AdminOrganizations, title: { ja: "関係機関の管理", en: "Organizations" }, navTitle: { ja: "関係機関の管理", en: "Manage organizations" }, nav: ["admin"] },
  { path: "/admin/organizations/new", component: AdminOrganizationNew, title: { ja: "関係機関の登録", en: "New organization" } },
  { path: "/admin/organizations/:id", component: AdminOrganization, title: { ja: "関係機関の管理", en: "Organization" } },
  { path: "/audit", component: Audit, title: { ja: "監査ログ", en: "Audit log" }, nav: ["auditor", "admin"] },
];
