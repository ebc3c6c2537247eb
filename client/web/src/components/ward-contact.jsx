// The ward's contact on a referral that is still waiting on the partner (sent or accepted): the
// office's name, its phone as a tel: link (a partner answering at night calls back from the
// phone it reads the referral on) and who at the ward sent it. The server gives it as the
// referral's `ward_contact`, or null when the ward has no office in the directory.
import { tr } from "../i18n.js";

const T = {
  ja: {
    title: "区の連絡先",
    phone: "電話",
    sentBy: "紹介者",
    none: "この区の窓口は関係機関の名簿に登録されていません。",
  },
  en: {
    title: "Ward contact",
    phone: "Phone",
    sentBy: "Sent by",
    none: "This ward has no office listed in the directory.",
  },
};

/** Whether a referral in this status carries the ward's contact. */
export const pending = (r) => r.status === "sent" || r.status === "accepted";

/** tel: URI of a phone number as written (digits and a leading + only). */
export const telHref = (phone) => "tel:" + String(phone).replace(/[^\d+]/g, "");

function Phone({ phone }) {
  return phone ? (
    <span class="nowrap">
      {tr(T, "phone")}：<a href={telHref(phone)} class="tel">{phone}</a>
    </span>
  ) : null;
}

/** The contact as a box under a heading (the referral's page). */
export function WardContact({ referral }) {
  if (!pending(referral)) return null;
  const c = referral.ward_contact;
  return (
    <section class="contact-box" aria-labelledby="ward-contact">
      <h2 id="ward-contact">{tr(T, "title")}</h2>
      {c ? (
        <>
          <p class="contact-box__name">{c.name}</p>
          {c.phone ? (
            <p class="contact-box__phone">
              <Phone phone={c.phone} />
            </p>
          ) : null}
          {c.sent_by_name ? (
            <p>
              {tr(T, "sentBy")}：{c.sent_by_name}
            </p>
          ) : null}
        </>
      ) : (
        <p class="muted">{tr(T, "none")}</p>
      )}
    </section>
  );
}

/** The contact in a row of the inbox: the office and its phone, then who sent it. */
export function WardContactLine({ referral }) {
  if (!pending(referral)) return null;
  const c = referral.ward_contact;
  if (!c) return <p class="card__meta muted">{tr(T, "none")}</p>;
  return (
    <>
      <p class="card__meta ward-contact-line">
        {tr(T, "title")}：{c.name}
        {c.phone ? (
          <>
            {"　"}
            <Phone phone={c.phone} />
          </>
        ) : null}
      </p>
      {c.sent_by_name ? (
        <p class="card__meta">
          {tr(T, "sentBy")}：{c.sent_by_name}
        </p>
      ) : null}
    </>
  );
}
