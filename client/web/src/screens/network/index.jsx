// The local prevention network (GET /api/v1/network?ward=&district=): a graph of organizations
// linked by referrals and shared meetings, drawn with cytoscape (loaded on demand), with a legend
// and — as its text alternative — tables of the same nodes and links. Partners nobody has referred
// to yet are marked in both, since growing the network means reaching them.
import { useEffect, useRef, useState } from "preact/hooks";
import { get } from "../../api.js";
import { label, tr } from "../../i18n.js";
import { me } from "../../session.js";
import { LoadError } from "../../components/errors.jsx";
import { SelectField, TextField } from "../../components/fields.jsx";
import { Loading, None, PageTitle, useLoad } from "../../components/common.jsx";
import { CATEGORY_STYLE, normalise, styleOf } from "./model.js";
import "../../components/responsive-table.css";
import "./network.css";

const T = {
  ja: {
    title: "ネットワーク図",
    intro: "区の関係機関と、紹介（矢印）・会議での顔合わせ（点線）によるつながりを示します。線が太いほど回数が多いつながりです。",
    filters: "表示する範囲",
    ward: "区",
    district: "地区",
    districtHint: "例：すすきの（空欄で区全体）",
    show: "表示する",
    graph: "ネットワーク図",
    graphLabel: "関係機関{n}件、つながり{m}本のネットワーク図。同じ内容を下の表で確認できます。",
    drawing: "図を描いています…",
    drawFailed: "図を表示できませんでした。下の表で同じ内容を確認できます。",
    zoomHint: "図は拡大・移動できます（スマートフォンでは2本の指で、パソコンではマウスのホイールとドラッグで）。",
    legend: "凡例",
    never: "未紹介",
    neverLong: "まだ一度も紹介していない関係機関（白地・点線の枠）",
    referralEdge: "紹介（矢印の向きが紹介先）",
    meetingEdge: "会議で顔を合わせた",
    summary: "関係機関 {n}件・つながり {m}本・未紹介 {k}件",
    fit: "全体を表示",
    tables: "表で見る（図と同じ内容）",
    nodes: "関係機関",
    nodesCaption: "ネットワークの関係機関",
    edges: "つながり",
    edgesCaption: "関係機関どうしのつながり",
    name: "名称",
    category: "種別",
    referrals: "紹介した回数",
    meetings: "会議の回数",
    status: "状況",
    from: "から",
    to: "へ",
    kind: "種類",
    count: "回数",
    kind_referral: "紹介",
    kind_meeting: "会議",
    none: "この範囲に表示できる関係機関はありません。",
    noEdges: "つながりはまだありません。",
  },
  en: {
    title: "Network map",
    intro: "The ward's partners, linked by referrals (arrows) and by meeting at meetings (dashed). Thicker lines mean more.",
    filters: "Scope",
    ward: "Ward",
    district: "District",
    districtHint: "e.g. Susukino (empty for the whole ward)",
    show: "Show",
    graph: "Network map",
    graphLabel: "Network map of {n} organizations and {m} links. The tables below show the same.",
    drawing: "Drawing the map…",
    drawFailed: "The map could not be drawn. The tables below show the same.",
    zoomHint: "Zoom and move the map with two fingers, or with the mouse wheel and dragging.",
    legend: "Legend",
    never: "never referred to",
    neverLong: "Partners never referred to (white with a dashed border)",
    referralEdge: "Referral (the arrow points to the partner)",
    meetingEdge: "Met at a meeting",
    summary: "{n} organizations, {m} links, {k} never referred to",
    fit: "Fit to screen",
    tables: "As tables (the same data)",
    nodes: "Organizations",
    nodesCaption: "Organizations of the network",
    edges: "Links",
    edgesCaption: "Links between organizations",
    name: "Name",
    category: "Category",
    referrals: "Referrals",
    meetings: "Meetings",
    status: "Status",
    from: "From",
    to: "To",
    kind: "Kind",
    count: "Count",
    kind_referral: "Referral",
    kind_meeting: "Meeting",
    none: "No organizations in this scope.",
    noEdges: "No links yet.",
  },
};

// A small picture of a node's shape for the legend, so shape and colour are both explained.
function ShapeIcon({ shape, color, dashed }) {
  const p = {
    fill: dashed ? "#fff" : color,
    stroke: dashed ? color : "#1A1A1C",
    "stroke-width": dashed ? 2.5 : 1.5,
    "stroke-dasharray": dashed ? "3 2" : undefined,
  };
  const shapes = {
    ellipse: <circle cx="10" cy="10" r="7.5" {...p} />,
    rectangle: <rect x="3" y="3" width="14" height="14" {...p} />,
    "round-rectangle": <rect x="3" y="3" width="14" height="14" rx="4" {...p} />,
    triangle: <polygon points="10,2.5 18,17 2,17" {...p} />,
    "round-triangle": <polygon points="10,2.5 18,17 2,17" stroke-linejoin="round" {...p} />,
    diamond: <polygon points="10,2 18,10 10,18 2,10" {...p} />,
    "round-diamond": <polygon points="10,2 18,10 10,18 2,10" stroke-linejoin="round" {...p} />,
    pentagon: <polygon points="10,2 18,8 15,18 5,18 2,8" {...p} />,
    hexagon: <polygon points="5,3 15,3 19,10 15,17 5,17 1,10" {...p} />,
    octagon: <polygon points="7,2 13,2 18,7 18,13 13,18 7,18 2,13 2,7" {...p} />,
    star: <polygon points="10,1.5 12.5,7.5 18.5,7.5 13.5,11.5 15.5,18 10,14 4.5,18 6.5,11.5 1.5,7.5 7.5,7.5" {...p} />,
    barrel: <rect x="2" y="4" width="16" height="12" rx="5" {...p} />,
    vee: <polygon points="2,3 10,9 18,3 10,18" {...p} />,
  };
  return (
    <svg class="legend__icon" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      {shapes[shape] || shapes.ellipse}
    </svg>
  );
}

function Legend({ categories }) {
  return (
    <div class="legend" aria-labelledby="legend-title">
      <h2 id="legend-title" class="legend__title">
        {tr(T, "legend")}
      </h2>
      <ul class="legend__list">
        {categories.map((c) => (
          <li key={c}>
            <ShapeIcon {...styleOf(c)} />
            {label("categories", c)}
          </li>
        ))}
        <li>
          <ShapeIcon shape="ellipse" color="#626264" dashed />
          {tr(T, "neverLong")}
        </li>
        <li>
          <svg class="legend__icon" width="28" height="20" viewBox="0 0 28 20" aria-hidden="true" focusable="false">
            <line x1="2" y1="10" x2="20" y2="10" stroke="#3460FB" stroke-width="3" />
            <polygon points="19,5 27,10 19,15" fill="#3460FB" />
          </svg>
          {tr(T, "referralEdge")}
        </li>
        <li>
          <svg class="legend__icon" width="28" height="20" viewBox="0 0 28 20" aria-hidden="true" focusable="false">
            <line x1="2" y1="10" x2="26" y2="10" stroke="#008A4B" stroke-width="3" stroke-dasharray="5 3" />
          </svg>
          {tr(T, "meetingEdge")}
        </li>
      </ul>
    </div>
  );
}

function Graph({ network }) {
  const box = useRef(null);
  const cy = useRef(null);
  const [state, setState] = useState("drawing");
  useEffect(() => {
    let alive = true;
    setState("drawing");
    import("./graph.js")
      .then(({ drawNetwork }) => {
        if (!alive || !box.current) return;
        cy.current = drawNetwork(box.current, network, { neverLabel: "（" + tr(T, "never") + "）" });
        box.current.dataset.nodes = String(cy.current.nodes().length);
        box.current.dataset.edges = String(cy.current.edges().length);
        setState("drawn");
      })
      .catch(() => alive && setState("failed"));
    return () => {
      alive = false;
      cy.current?.destroy();
      cy.current = null;
    };
  }, [network]);

  return (
    <div class="graph">
      <div
        ref={box}
        class="graph__canvas"
        id="network-graph"
        role="img"
        aria-label={tr(T, "graphLabel", { n: network.nodes.length, m: network.edges.length })}
        data-state={state}
      />
      {state === "drawing" ? (
        <p class="graph__status muted" role="status">
          {tr(T, "drawing")}
        </p>
      ) : null}
      {state === "failed" ? (
        <p class="graph__status notice notice--error" role="alert">
          {tr(T, "drawFailed")}
        </p>
      ) : null}
      {state === "drawn" ? (
        <button type="button" class="button button--secondary button--small graph__fit" onClick={() => cy.current?.fit(undefined, 24)}>
          {tr(T, "fit")}
        </button>
      ) : null}
    </div>
  );
}

function Tables({ network }) {
  const names = Object.fromEntries(network.nodes.map((n) => [n.id, n.name]));
  const nodes = [...network.nodes].sort((a, b) => Number(b.never) - Number(a.never) || b.referrals - a.referrals || a.name.localeCompare(b.name, "ja"));
  return (
    <section aria-labelledby="tables-heading" class="network-tables">
      <h2 id="tables-heading">{tr(T, "tables")}</h2>
      <h3 id="nodes-heading">{tr(T, "nodes")}</h3>
      <div class="table-wrap">
        <table class="table responsive-table" id="network-nodes" aria-labelledby="nodes-heading">
          <caption class="visually-hidden">{tr(T, "nodesCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{tr(T, "name")}</th>
              <th scope="col">{tr(T, "category")}</th>
              <th scope="col" class="num">
                {tr(T, "referrals")}
              </th>
              <th scope="col" class="num">
                {tr(T, "meetings")}
              </th>
              <th scope="col">{tr(T, "status")}</th>
            </tr>
          </thead>
          <tbody>
            {nodes.map((n) => (
              <tr key={n.id} data-never={n.never ? "true" : undefined}>
                <th scope="row">{n.name}</th>
                <td data-label={tr(T, "category")}>{label("categories", n.category)}</td>
                <td class="num" data-label={tr(T, "referrals")}>{n.referrals}</td>
                <td class="num" data-label={tr(T, "meetings")}>{n.meetings}</td>
                <td>{n.never ? <span class="badge badge--risk">{tr(T, "never")}</span> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 id="edges-heading">{tr(T, "edges")}</h3>
      {network.edges.length ? (
        <div class="table-wrap">
          <table class="table responsive-table" id="network-edges" aria-labelledby="edges-heading">
            <caption class="visually-hidden">{tr(T, "edgesCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{tr(T, "from")}</th>
                <th scope="col">{tr(T, "to")}</th>
                <th scope="col">{tr(T, "kind")}</th>
                <th scope="col" class="num">
                  {tr(T, "count")}
                </th>
              </tr>
            </thead>
            <tbody>
              {network.edges.map((e) => (
                <tr key={e.id}>
                  <td data-label={tr(T, "from")}>{names[e.source]}</td>
                  <td data-label={tr(T, "to")}>{names[e.target]}</td>
                  <td data-label={tr(T, "kind")}>{tr(T, "kind_" + e.kind) === "kind_" + e.kind ? e.kind : tr(T, "kind_" + e.kind)}</td>
                  <td class="num" data-label={tr(T, "count")}>{e.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <None>{tr(T, "noEdges")}</None>
      )}
    </section>
  );
}

export function Network() {
  const wards = me.value?.wards || [];
  const [form, setForm] = useState({ ward: wards[0] || "", district: "" });
  const [shown, setShown] = useState(form);
  const loaded = useLoad(() => get("/network", shown).then(normalise), [JSON.stringify(shown)]);
  const network = loaded.data;
  const categories = network ? Object.keys(CATEGORY_STYLE).filter((c) => network.nodes.some((n) => n.category === c)) : [];
  const never = network ? network.nodes.filter((n) => n.never).length : 0;

  return (
    <>
      <PageTitle>{tr(T, "title")}</PageTitle>
      <p class="lead">{tr(T, "intro")}</p>
      <form
        class="filters"
        aria-label={tr(T, "filters")}
        onSubmit={(e) => {
          e.preventDefault();
          setShown(form);
        }}
      >
        {wards.length > 1 ? (
          <SelectField name="ward" label={tr(T, "ward")} value={form.ward} onInput={(v) => setForm({ ...form, ward: v })} options={wards.map((w) => [w, label("wards", w)])} />
        ) : null}
        <TextField name="district" label={tr(T, "district")} hint={tr(T, "districtHint")} value={form.district} onInput={(v) => setForm({ ...form, district: v })} />
        <div class="field">
          <button type="submit" class="button">
            {tr(T, "show")}
          </button>
        </div>
      </form>
      <LoadError error={loaded.error} />
      {loaded.loading && !network ? <Loading /> : null}
      {network ? (
        network.nodes.length ? (
          <>
            <p class="muted" aria-live="polite">
              {tr(T, "summary", { n: network.nodes.length, m: network.edges.length, k: never })}
            </p>
            <div class="network-layout">
              <div>
                <Graph network={network} />
                <p class="small muted">{tr(T, "zoomHint")}</p>
              </div>
              <Legend categories={categories} />
            </div>
            <Tables network={network} />
          </>
        ) : (
          <None>{tr(T, "none")}</None>
        )
      ) : null}
    </>
  );
}
