// The explorer's interface text in each edition of the site, picked by the page's <html lang>.
// Torch's own exception types and messages are never translated: they are what torch prints.

const TEXT = {
  en: {
    hint: {
      int: "integer (a float such as 2.5 is passed as a float)", "int?": "integer or null (a float is passed as a float)",
      count: "integer", float: "number", intlist: "list, e.g. [30, 80]", expr: "Python expression in epoch",
      xexpr: "Python expression in x; empty for None", floatlist: "[beta1, beta2]",
    },
    copy: "Copy the program", copied: "Copied", selected: "Selected: press Ctrl+C",
    download: "Download the values (CSV)",
    sharePage: "Link to this configuration", sharePanel: "Open these settings in the explorer",
    readAt: "Read the values at step", program: "The Python program for these settings",
    scheduler: "Scheduler", optimizer: "Optimizer and run",
    arguments: (name) => `${name} arguments`,
    metric: "Synthetic validation loss (passed to step())",
    members: (name) => `${name}: its schedulers, in order`,
    member: (i) => `scheduler ${i}`, remove: (i) => `Remove scheduler ${i}`, add: "Add a scheduler",
    raisedAfter: (s) => ` (raised by the step() after step ${s})`,
    noValues: "No values: the configuration raised before the first step.",
    step: "step", begins: (what) => ` (${what} begins here)`,
    marker: {},
    chart: (names, name, n, marks) => `${names.join(" and ")} against step for ${name}, ${n} steps${marks ? `, ${marks} phase or restart markers` : ""}. Use the step slider below to read values.`,
    badLink: (msg) => `The link's settings were not understood: ${msg}`,
    failed: (e) => `The explorer failed to start: ${e}`,
  },
  ja: {
    hint: {
      int: "整数（2.5 のような小数は float のまま渡します）", "int?": "整数または null（小数は float のまま渡します）",
      count: "整数", float: "数値", intlist: "リスト（例：[30, 80]）", expr: "epoch を使った Python の式",
      xexpr: "x を使った Python の式（空欄なら None）", floatlist: "[beta1, beta2]",
    },
    copy: "プログラムをコピー", copied: "コピーしました", selected: "選択しました：Ctrl+C でコピー",
    download: "値をダウンロード（CSV）",
    sharePage: "この設定へのリンク", sharePanel: "この設定をエクスプローラで開く",
    readAt: "値を読むステップ", program: "この設定の Python プログラム",
    scheduler: "スケジューラ", optimizer: "オプティマイザと実行",
    arguments: (name) => `${name} の引数`,
    metric: "合成した検証損失（step() に渡す値）",
    members: (name) => `${name}：組み合わせるスケジューラ（順番どおり）`,
    member: (i) => `スケジューラ ${i}`, remove: (i) => `スケジューラ ${i} を削除`, add: "スケジューラを追加",
    raisedAfter: (s) => `（ステップ ${s} の後の step() で送出）`,
    noValues: "値がありません：この設定では最初のステップより前に例外が送出されます。",
    step: "ステップ", begins: (what) => `（ここから${what}）`,
    marker: { T_max: "T_max", cycle: "次のサイクル", "end of annealing": "アニーリング後", "end of total_iters": "total_iters 後",
      milestone: "マイルストーン", peak: "ピーク", phase: "次のフェーズ", restart: "リスタート", step: "減衰" },
    chart: (names, name, n, marks) => `${name} の ${names.join(" と ")} のステップごとの推移、${n} ステップ${marks ? `、フェーズまたはリスタートの印 ${marks} 個` : ""}。下のステップのスライダーで値を読めます。`,
    badLink: (msg) => `リンクの設定を読み取れませんでした：${msg}`,
    failed: (e) => `エクスプローラを起動できませんでした：${e}`,
  },
};

export const LANG = (typeof document !== "undefined" && document.documentElement.lang === "ja") ? "ja" : "en";
export const T = TEXT[LANG];
export { TEXT };
