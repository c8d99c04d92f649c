// The review page of `coursepack serve`: shows plan.yaml's items (data.json)
// and sends every change to the server at once (POST change, with the
// session's token and the plan.yaml version the page shows). Text from the
// course only ever goes into the page as text (textContent), never as HTML.
"use strict";

const TOKEN = document.querySelector('meta[name="coursepack-token"]').content;
const KIND_NAMES = { objectives: "Objectives", discussion: "Discussion questions",
  quiz: "Quiz items", terms: "Key terms" };
const ONE = { objectives: "objective", discussion: "discussion question", quiz: "quiz item",
  terms: "term" };
const QUIZ_NAMES = { multiple_choice: "Multiple choice", true_false: "True or false",
  fill_blank: "Fill in the blank" };

let data = null;
let current = null; // {module, kind, index}
let editing = null; // the open form, or null
let pending = false; // a render waiting for the edit to close
let polling = null;

const $ = (sel, root = document) => root.querySelector(sel);

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// the course's own words: in its language, right to left where it is written so
function inCourse() { return { lang: data.language || null, dir: "auto" }; }

function say(text) { $("#status").textContent = text; }
function warn(text) { $("#alert").textContent = text || ""; }

async function load() {
  const response = await fetch("data.json", { cache: "no-store" });
  const body = await response.json();
  if (!response.ok) { warn(body.error); return; }
  data = body;
  render();
  if (data.buildError) { stopPolling(); warn(`The preview did not rebuild: ${data.buildError}`); }
  else if (!data.current && data.hasPlan) startPolling(); else stopPolling();
}

function startPolling() {
  say("Rebuilding the preview and checking the items…");
  if (polling) return;
  polling = setInterval(async () => {
    const response = await fetch("data.json", { cache: "no-store" });
    const body = await response.json();
    if (!response.ok) { warn(body.error); return; }
    if (body.current || body.buildError || body.version !== data.version) {
      data = body;
      render();
      if (body.current) { stopPolling(); say("The preview is up to date."); }
      if (body.buildError) {
        stopPolling();
        say("");
        warn(`The preview did not rebuild: ${body.buildError}`);
      }
    }
  }, 1000);
}

function stopPolling() { if (polling) clearInterval(polling); polling = null; }

function moduleHash(id) {
  const module = data && data.modules.find((m) => m.id === id);
  return module ? module.hash : null;
}

async function send(change, done) {
  warn("");
  const response = await fetch("change", {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Coursepack-Token": TOKEN },
    body: JSON.stringify({ ...change, version: data ? data.version : "none",
      moduleHash: moduleHash(change.module) }),
  });
  let body = {};
  try { body = await response.json(); } catch (e) { body = { error: `Error ${response.status}` }; }
  if (!response.ok) {
    if (response.status === 400 && editing) {
      $(".edit__error", editing).textContent = body.error;
      const first = editing.querySelector("textarea, input, select");
      if (first) first.focus();
      return false;
    }
    warn(body.error);
    editing = null;
    await load();
    return false;
  }
  if (done) say(done);
  editing = null;
  await load();
  startPolling();
  return true;
}

// --- rendering ---

function render() {
  if (editing) { pending = true; return; }
  pending = false;
  shown = null;
  $("#course-title").textContent = data.course ? `“${data.course}”` : "";
  const main = $("#items");
  main.replaceChildren();
  if (!data.hasPlan) {
    main.append(el("h2", {}, "No plan.yaml yet"),
      el("p", {}, `This course has no ${data.plan}: its teaching material is generated afresh `
        + "at every build. Make the plan to review it here (as coursepack plan does)."),
      el("button", { type: "button", id: "make-plan", onclick: () => {
        say(`Writing ${data.plan}…`);
        send({ action: "create" }, `Wrote ${data.plan}.`);
      } }, `Make ${data.plan}`));
    $("#overall").textContent = "";
    return;
  }
  let reviewed = 0, total = 0;
  for (const module of data.modules) {
    reviewed += module.reviewed; total += module.total;
    main.append(renderModule(module));
  }
  $("#overall").textContent = `· ${reviewed} of ${total} items reviewed in ${data.plan}`;
  if (current) focusItem(current, false);
}

function renderModule(module) {
  const id = `module-${module.id}`;
  const section = el("section", { class: "module", "aria-labelledby": id, "data-module": module.id });
  section.append(el("h2", { id }, module.title || module.id));
  section.append(el("p", { class: "progress", id: `${id}-progress` },
    `${module.reviewed} of ${module.total} reviewed`));
  if (module.missing) {
    section.append(el("p", { class: "notice" }, "This module is no longer in the course; "
      + "its items are not used. Update the plan to remove it.",
    " ", el("button", { type: "button", onclick: () => send({ action: "update" }, "Plan updated.") },
      "Update plan.yaml")));
  } else if (module.changed) {
    section.append(el("p", { class: "notice", "data-stale": "changed" },
      el("strong", {}, "Stale: "), "the module's text changed since plan.yaml was written, so the "
      + "build generates its items again (yours are kept). Update the plan to review the new "
      + "drafts. ",
      el("button", { type: "button", onclick: () => {
        say("Updating plan.yaml…");
        send({ action: "update" }, "Plan updated: review the new drafts.");
      } }, "Update plan.yaml")));
  } else if (module.stale) {
    section.append(el("p", { class: "notice", "data-stale": "marked" },
      el("strong", {}, "Stale: "), "the module's text changed since you reviewed it. Look at its "
      + "items again, then ",
      el("button", { type: "button", onclick: () => send({ action: "reviewed", module: module.id },
        "Marked as reviewed.") }, "Mark as reviewed")));
  }
  if (module.flaws.length) {
    section.append(el("p", {}, "About the module as a whole:"),
      el("ul", { class: "flaws" }, module.flaws.map((f) => el("li", {}, f))));
  }
  section.append(renderSummary(module));
  for (const kind of Object.keys(KIND_NAMES)) {
    const headingId = `${id}-${kind}`;
    section.append(el("h3", { id: headingId }, KIND_NAMES[kind]));
    const list = el("ol", { class: "items", "aria-labelledby": headingId });
    for (const item of module.kinds[kind]) list.append(renderItem(module, item));
    section.append(list);
    section.append(el("p", { class: "add" }, el("button", { type: "button",
      onclick: (event) => openForm(module, kind, null, event.currentTarget.parentNode) },
    `Add ${kind === "objectives" ? "an" : "a"} ${ONE[kind]}`)));
  }
  return section;
}

function renderSummary(module) {
  const box = el("div", { class: "summary" }, el("h3", {}, "Summary"),
    module.summary ? el("p", inCourse(), module.summary) : el("p", {}, "(none)"));
  box.append(el("button", { type: "button", onclick: () => {
    const form = el("form", { class: "edit" });
    const field = el("textarea", { id: `summary-${module.id}`, rows: 3, ...inCourse() },
      module.summary);
    form.append(el("label", { for: field.id }, "Summary"), field,
      el("p", { class: "edit__error", role: "alert" }), formButtons(() => cancel(box)));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      send({ action: "summary", module: module.id, summary: field.value }, "Summary saved.");
    });
    editing = form;
    box.replaceChildren(form);
    field.focus();
  } }, "Edit summary"));
  return box;
}

function stateText(item) {
  if (item.state === "dropped") return el("span", { class: "state-dropped" }, "Dropped");
  if (item.origin === "markdown") return el("span", { class: "state-kept" }, `Written in ${item.from}`);
  if (item.state === "kept") return el("span", { class: "state-kept" }, "Kept (yours)");
  return el("span", {}, "Generated, not reviewed");
}

function renderItem(module, item) {
  const d = item.data;
  const text = item.kind === "quiz" ? d.stem : item.kind === "terms" ? d.term : d.text;
  const li = el("li", {
    class: `item is-${item.state}`, tabindex: "-1", "data-kind": item.kind,
    "data-index": item.index, "data-state": item.state, "data-origin": item.origin,
  });
  const key = { module: module.id, kind: item.kind, index: item.index };
  li.addEventListener("focusin", () => select(key));
  li.addEventListener("click", () => select(key));
  const label = `${ONE[item.kind]} ${item.index + 1}`;
  li.append(el("p", { class: "item__text", ...inCourse() },
    item.kind === "objectives" ? `${item.index + 1}. ${text || ""}` : text || "(empty)"));
  const meta = [stateText(item)];
  if (item.kind === "quiz") meta.push(` · ${QUIZ_NAMES[d.kind || "multiple_choice"] || d.kind}`);
  if (d.bloom) meta.push(` · Bloom: ${d.bloom}`);
  if (d.assesses && d.assesses.length) meta.push(` · Assesses objective ${d.assesses.join(", ")}`);
  li.append(el("p", { class: "item__meta" }, meta));
  if (item.kind === "quiz") li.append(quizDetails(d));
  if (item.kind === "terms" && d.definition) li.append(el("p", inCourse(), d.definition));
  if (item.kind === "discussion" && d.note) {
    li.append(el("p", {}, "Note: ", el("span", inCourse(), d.note)));
  }
  if (item.flaws.length) {
    li.append(el("ul", { class: "flaws", "aria-label": `Flaws coursepack check finds in ${label}` },
      item.flaws.map((f) => el("li", {}, f))));
  }
  const actions = el("div", { class: "actions" });
  if (item.origin !== "markdown") {
    if (item.state !== "dropped") {
      actions.append(el("button", { type: "button", "data-action": "keep", "aria-keyshortcuts": "a", "aria-label": `Keep ${label}`,
        disabled: item.state === "kept", onclick: () => act(key, "keep") }, "Keep"));
      actions.append(el("button", { type: "button", "data-action": "edit", "aria-keyshortcuts": "e", "aria-label": `Edit ${label}`,
        onclick: () => openForm(module, item.kind, item, li) }, "Edit"));
      actions.append(el("button", { type: "button", "data-action": "drop", "aria-keyshortcuts": "d", "aria-label": `Drop ${label}`,
        onclick: () => act(key, "drop") }, "Drop"));
    } else {
      actions.append(el("button", { type: "button", "data-action": "restore", "aria-keyshortcuts": "d",
        "aria-label": `Bring back ${label}`, onclick: () => act(key, "restore") }, "Bring back"));
    }
  }
  li.append(actions);
  return li;
}

function quizDetails(d) {
  const box = el("div", { class: "quiz" });
  if ((d.kind || "multiple_choice") === "multiple_choice") {
    box.append(el("ol", { class: "choices", type: "A" }, (d.choices || []).map((c) =>
      el("li", {}, el("span", inCourse(), c),
        c === d.answer ? el("strong", {}, " (right answer)") : null))));
  } else if (d.kind === "true_false") {
    box.append(el("p", {}, `Answer: ${d.answer === true ? "true" : "false"}`));
  } else {
    box.append(el("p", {}, "Answer: ", el("span", inCourse(), String(d.answer)),
      d.accept && d.accept.length ? "; also accepted: " : "",
      d.accept && d.accept.length ? el("span", inCourse(), d.accept.join(", ")) : null));
  }
  if (d.feedback) box.append(el("p", {}, "Feedback: ", el("span", inCourse(), d.feedback)));
  return box;
}

// --- selection and the reading ---

function items() { return [...document.querySelectorAll(".item")]; }

function nodeOf(key) {
  return document.querySelector(`.module[data-module="${CSS.escape(key.module)}"] `
    + `.item[data-kind="${key.kind}"][data-index="${key.index}"]`);
}

function keyOf(node) {
  return { module: node.closest(".module").dataset.module, kind: node.dataset.kind,
    index: Number(node.dataset.index) };
}

function focusItem(key, scroll = true) {
  const node = nodeOf(key);
  if (!node) return;
  select(key);
  node.focus({ preventScroll: !scroll });
}

function same(a, b) {
  return a && b && a.module === b.module && a.kind === b.kind && a.index === b.index;
}

let shown = null; // the item whose sentence the reading pane shows

function select(key) {
  const again = same(key, current) && same(key, shown);
  current = key;
  for (const node of document.querySelectorAll(".item.is-current")) node.classList.remove("is-current");
  const node = nodeOf(key);
  if (node) node.classList.add("is-current");
  if (!again) showSource(key);
}

function showSource(key) {
  const module = data.modules.find((m) => m.id === key.module);
  const item = module && module.kinds[key.kind][key.index];
  const box = $("#source-text");
  box.replaceChildren();
  shown = key;
  if (!module || !item) return;
  box.append(el("p", { class: "item__meta" }, `${module.title}: ${ONE[key.kind]} ${key.index + 1}`));
  if (item.sentence === null) {
    box.append(el("p", { id: "no-sentence" }, "No one sentence of the reading matches this item "
      + "closely: it may be yours, or draw on the whole module."));
  }
  let paragraph = null, last = -1, marked = null;
  module.reading.forEach((sentence, n) => {
    if (sentence.paragraph !== last) {
      paragraph = el("p", inCourse());
      box.append(paragraph);
      last = sentence.paragraph;
    }
    const node = n === item.sentence ? el("mark", { id: "source-sentence" }, sentence.text)
      : document.createTextNode(sentence.text);
    paragraph.append(node, " ");
    if (n === item.sentence) marked = node;
  });
  if (marked) { // scroll the reading pane only, never the page (a click must land)
    const pane = box.closest(".source");
    const offset = marked.getBoundingClientRect().top - pane.getBoundingClientRect().top;
    pane.scrollTop += offset - pane.clientHeight / 3;
  }
}

function move(step) {
  const all = items();
  if (!all.length) return;
  const at = current ? all.indexOf(nodeOf(current)) : -1;
  const next = all[Math.min(all.length - 1, Math.max(0, at + step))];
  focusItem(keyOf(next));
}

async function act(key, action) {
  const words = { keep: "Kept", drop: "Dropped", restore: "Brought back" };
  const all = items();
  const at = all.indexOf(nodeOf(key));
  const after = action === "restore" ? key : all[at + 1] ? keyOf(all[at + 1]) : key;
  const ok = await send({ action, module: key.module, kind: key.kind, index: key.index },
    `${words[action]} ${ONE[key.kind]} ${key.index + 1}.`);
  if (ok) focusItem(after);
}

// --- editing ---

function cancel(node) {
  editing = null;
  render();
  if (current) focusItem(current);
  else if (node) node.focus();
}

function formButtons(onCancel) {
  return el("div", { class: "actions" }, el("button", { type: "submit" }, "Save"),
    el("button", { type: "button", onclick: onCancel }, "Cancel"));
}

let formCount = 0;

function openForm(module, kind, item, place) {
  if (editing) return;
  const n = ++formCount;
  const d = item ? item.data : { kind: "multiple_choice" };
  const form = el("form", { class: "edit", "aria-label": item
    ? `Edit ${ONE[kind]} ${item.index + 1}` : `New ${ONE[kind]}` });
  const fields = {};
  const field = (name, label, node) => {
    node.id = `f${n}-${name}`;
    fields[name] = node;
    form.append(el("label", { for: node.id }, label), node);
    return node;
  };
  const textarea = (value) => el("textarea", { rows: 2, ...inCourse() }, value || "");
  const bloomSelect = (value, blank) => el("select", {},
    blank ? el("option", { value: "" }, blank) : null,
    data.blooms.map((b) => el("option", { value: b, selected: b === value }, b)));
  if (kind === "objectives") {
    field("text", "Objective", textarea(d.text));
    field("bloom", "Bloom level", bloomSelect(d.bloom, "From its first verb"));
  } else if (kind === "discussion") {
    field("text", "Question", textarea(d.text));
    field("bloom", "Bloom level", bloomSelect(d.bloom || "analyze"));
    field("note", "Note for the instructor", textarea(d.note));
  } else if (kind === "terms") {
    field("term", "Term", el("input", { type: "text", value: d.term || "", ...inCourse() }));
    field("definition", "Definition", textarea(d.definition));
  } else {
    quizFields(form, fields, d, n, field, textarea);
  }
  if (kind === "discussion" || kind === "quiz") {
    const box = el("fieldset", {}, el("legend", {}, "Objectives it assesses"));
    module.kinds.objectives.forEach((o, i) => {
      if (o.state === "dropped") return;
      const id = `f${n}-assesses-${i}`;
      box.append(el("div", {}, el("input", { type: "checkbox", id, value: i + 1,
        checked: (d.assesses || []).includes(i + 1) }),
      el("label", { for: id }, `${i + 1}. ${o.data.text || ""}`)));
    });
    fields.assesses = box;
    form.append(box);
  }
  form.append(el("p", { class: "edit__error", role: "alert" }), formButtons(() => cancel(place)));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const value = collect(kind, fields);
    const change = item ? { action: "edit", index: item.index } : { action: "add" };
    send({ ...change, module: module.id, kind, item: value },
      item ? `Saved ${ONE[kind]} ${item.index + 1}.` : `Added a ${ONE[kind]}.`).then((ok) => {
      if (ok && item) focusItem({ module: module.id, kind, index: item.index });
      if (ok && !item) {
        const m = data.modules.find((x) => x.id === module.id);
        const last = m.kinds[kind].length - 1;
        focusItem({ module: module.id, kind, index: last });
      }
    });
  });
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape") { event.preventDefault(); cancel(place); }
  });
  editing = form;
  if (item) place.replaceChildren(form); else place.after(form);
  form.querySelector("textarea, input, select").focus();
}

function quizFields(form, fields, d, n, field, textarea) {
  const kind = field("kind", "Kind of item", el("select", {},
    Object.entries(QUIZ_NAMES).map(([value, name]) =>
      el("option", { value, selected: (d.kind || "multiple_choice") === value }, name))));
  field("stem", "Question (stem)", textarea(d.stem));
  const mc = el("fieldset", { "data-for": "multiple_choice" }, el("legend", {}, "Choices (mark the right one)"));
  const rows = el("div");
  const addRow = (text, right) => {
    const i = rows.children.length + 1;
    rows.append(el("div", { class: "choice" },
      el("input", { type: "radio", name: `f${n}-right`, id: `f${n}-right-${i}`, checked: right,
        "aria-label": `Choice ${i} is the right answer` }),
      el("label", { for: `f${n}-right-${i}` }, "Right"),
      el("label", { for: `f${n}-choice-${i}`, class: "choice__label" }, `Choice ${i}`),
      el("input", { type: "text", id: `f${n}-choice-${i}`, class: "choice__text", value: text,
        ...inCourse() })));
  };
  const choices = d.choices && d.choices.length ? d.choices : ["", "", "", ""];
  choices.forEach((c) => addRow(c, c !== "" && c === d.answer));
  mc.append(rows, el("button", { type: "button", onclick: () => addRow("", false) }, "Add a choice"));
  const tf = el("fieldset", { "data-for": "true_false" }, el("legend", {}, "The statement is"),
    el("input", { type: "radio", name: `f${n}-tf`, id: `f${n}-tf-true`, value: "true",
      checked: d.answer === true }), el("label", { for: `f${n}-tf-true` }, "True"),
    el("input", { type: "radio", name: `f${n}-tf`, id: `f${n}-tf-false`, value: "false",
      checked: d.answer === false }), el("label", { for: `f${n}-tf-false` }, "False"));
  const fill = el("div", { "data-for": "fill_blank" });
  const answer = el("input", { type: "text", id: `f${n}-answer`, ...inCourse(),
    value: d.kind === "fill_blank" ? d.answer || "" : "" });
  const accept = el("textarea", { id: `f${n}-accept`, rows: 2, ...inCourse() }, (d.accept || []).join("\n"));
  fill.append(el("label", { for: answer.id }, "Answer (the missing words; write _____ in the stem where they go)"),
    answer, el("label", { for: accept.id }, "Other accepted answers, one a line"), accept);
  form.append(mc, tf, fill);
  fields.mc = rows; fields.tf = tf; fields.answer = answer; fields.accept = accept;
  field("feedback", "Feedback shown after answering", textarea(d.feedback));
  const show = () => {
    for (const part of [mc, tf, fill]) part.hidden = part.dataset.for !== kind.value;
  };
  kind.addEventListener("change", show);
  show();
}

function collect(kind, fields) {
  const value = {};
  for (const name of ["text", "bloom", "note", "term", "definition", "stem", "feedback"]) {
    if (fields[name]) value[name] = fields[name].value;
  }
  if (fields.assesses) {
    value.assesses = [...fields.assesses.querySelectorAll("input:checked")].map((c) => Number(c.value));
  }
  if (kind === "quiz") {
    value.kind = fields.kind.value;
    if (value.kind === "multiple_choice") {
      const rows = [...fields.mc.querySelectorAll(".choice")];
      value.choices = rows.map((r) => $(".choice__text", r).value.trim()).filter((t) => t);
      const right = rows.find((r) => $("input[type=radio]", r).checked);
      value.answer = right ? $(".choice__text", right).value.trim() : "";
    } else if (value.kind === "true_false") {
      const picked = fields.tf.querySelector("input:checked");
      value.answer = picked ? picked.value === "true" : null;
    } else {
      value.answer = fields.answer.value;
      value.accept = fields.accept.value.split("\n").map((t) => t.trim()).filter((t) => t);
    }
  }
  return value;
}

// --- keyboard ---

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || !data || !data.hasPlan) return;
  if (event.target.closest && event.target.closest("form, input, textarea, select, summary")) return;
  const key = event.key;
  if (key === "j" || key === "k") {
    event.preventDefault();
    move(key === "j" ? 1 : -1);
    return;
  }
  if (!current || !nodeOf(current)) return;
  const node = nodeOf(current);
  const button = (name) => node.querySelector(`button[data-action="${name}"]`);
  if (key === "a" && button("keep")) { event.preventDefault(); if (!button("keep").disabled) act(current, "keep"); else move(1); }
  else if (key === "d") {
    event.preventDefault();
    if (button("drop")) act(current, "drop");
    else if (button("restore")) act(current, "restore");
  } else if (key === "e" && button("edit")) { event.preventDefault(); button("edit").click(); }
});

load().catch((error) => warn(`Could not load the review data: ${error}`));
