/** The report page's inline stylesheet. */
export const REPORT_CSS = `
:root { color-scheme: light; --fg: #1d1d1f; --muted: #5f6368; --line: #dcdcdc; --accent: #0072B2; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 'DejaVu Sans', system-ui, -apple-system, 'Segoe UI', sans-serif; color: var(--fg); background: #fafafa; }
header, main { max-width: 1440px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 16px; margin: 24px 0 8px; }
.meta { color: var(--muted); margin: 0; }
nav { margin: 12px 0 0; display: flex; flex-wrap: wrap; gap: 6px 16px; }
nav a, a { color: var(--accent); }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: 13px; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
th { background: #f0f0f0; font-weight: 600; position: sticky; top: 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.ci { color: var(--muted); font-size: 12px; }
.sig-up { color: #00734f; font-weight: 600; }
.sig-down { color: #b34700; font-weight: 600; }
.below-ref { color: #b34700; }
figure { margin: 12px 0 20px; background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 8px; overflow-x: auto; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 13px; margin-top: 6px; }
.run { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 4px 16px 8px; margin: 16px 0; }
.run figure { border: none; padding: 0; }
dl.compute { display: grid; grid-template-columns: max-content auto; gap: 2px 16px; margin: 8px 0; }
dl.compute dt { color: var(--muted); }
dl.compute dd { margin: 0; font-variant-numeric: tabular-nums; }
.empty { background: #fff; border: 1px dashed #b0b0b0; border-radius: 6px; padding: 24px; margin: 24px 0; text-align: center; }
.empty h2 { border: none; margin-top: 0; }
footer { max-width: 1440px; margin: 32px auto; padding: 0 24px; color: var(--muted); font-size: 12px; }
`;
