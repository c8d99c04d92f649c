// Reviews a course on the review page of a running `coursepack serve` in
// headless Chromium, keyboard first, and prints what it saw as JSON. Driven
// by tests/test_review_browser.py, which checks plan.yaml and the build.
//
// usage: node check_review.mjs <job.json>
// job: {base: "http://127.0.0.1:PORT", others: [{name, base}], noPlan: base|null}: the
// review is done on
// `base`; the pages of `others` (e.g. a right-to-left course) are only scanned by axe and
// walked with j.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
  "--disable-background-networking", "--no-first-run"];
const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
const REVIEW = `${job.base}/_review/`;
const out = { errors: [], outside: [], axe: {}, steps: {} };

async function axe(page, label) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, {
    resultTypes: ["violations"], preload: false,
  }));
  out.axe[label] = result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 3),
  }));
}

const focused = (page) => page.evaluate(() => {
  const node = document.activeElement;
  const item = node && node.closest(".item");
  return { tag: node ? node.tagName.toLowerCase() : "", isItem: !!(node && node.classList.contains("item")),
    kind: item ? item.dataset.kind : null, index: item ? Number(item.dataset.index) : null,
    outline: node ? getComputedStyle(node).outlineStyle : "" };
});

const item = (page, kind, index) => page.locator(
  `.module >> nth=0 >> .item[data-kind="${kind}"][data-index="${index}"]`);

async function settle(page) {
  await page.waitForFunction(() => document.querySelector("#status").textContent
    .includes("up to date"), null, { timeout: 30000 });
}

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
try {
  for (const scheme of ["light", "dark"]) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.setDefaultTimeout(15000);
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(job.base)) return route.continue();
      out.outside.push(url);
      return route.abort();
    });
    page.on("pageerror", (error) => out.errors.push(String(error)));
    // the one refused save (400) is on purpose; any other failed request is an error
    page.on("console", (msg) => {
      if (msg.type() === "error" && !msg.text().includes("status of 400")) out.errors.push(msg.text());
    });
    await page.goto(REVIEW);
    await page.locator(".item").first().waitFor();
    await axe(page, `page ${scheme}`);
    if (scheme === "dark") { await context.close(); continue; }

    // keyboard: j selects the first item and shows the sentence it came from
    await page.keyboard.press("j");
    out.steps.first = await focused(page);
    out.steps.sentence = await page.locator("#source-sentence").textContent().catch(() => null);
    out.steps.firstText = await item(page, "objectives", 0).locator(".item__text").textContent();
    await page.keyboard.press("j");
    await page.keyboard.press("k");
    out.steps.back = await focused(page);

    // a keeps it and moves on
    await page.keyboard.press("a");
    await item(page, "objectives", 0).and(page.locator('[data-state="kept"]')).waitFor();
    out.steps.afterKeep = await focused(page);
    out.steps.progress = await page.locator(".module >> nth=0 >> .progress").textContent();

    // d drops the second quiz item
    await item(page, "quiz", 1).focus();
    out.steps.droppedStem = await item(page, "quiz", 1).locator(".item__text").textContent();
    await page.keyboard.press("d");
    await item(page, "quiz", 1).and(page.locator('[data-state="dropped"]')).waitFor();

    // e edits the first quiz item in place: a multiple-choice item, first without a right answer
    await item(page, "quiz", 0).focus();
    await page.keyboard.press("e");
    const form = page.locator("form.edit");
    await form.waitFor();
    out.steps.editFocus = await page.evaluate(() => document.activeElement.closest("form") !== null);
    await axe(page, "edit form");
    await form.getByLabel("Kind of item").selectOption("multiple_choice");
    await form.getByLabel("Question (stem)").fill("Where does a river drop the sand it carries?");
    const choices = ["On flat land", "In the hills", "At its source", "Under bridges"];
    for (const [n, text] of choices.entries()) await form.getByLabel(`Choice ${n + 1}`, { exact: true }).fill(text);
    await form.getByLabel("Feedback shown after answering").fill("The river slows down on flat land.");
    await form.locator("fieldset").filter({ hasText: "Objectives it assesses" }).locator("input").first().check();
    await form.getByRole("button", { name: "Save" }).click();
    await page.waitForFunction(() => document.querySelector(".edit__error").textContent.length > 0);
    out.steps.invalid = await form.locator(".edit__error").textContent();
    await form.getByLabel("Choice 1 is the right answer").check();
    await form.getByRole("button", { name: "Save" }).click();
    await form.waitFor({ state: "detached" });
    out.steps.edited = await item(page, "quiz", 0).locator(".item__text").textContent();
    out.steps.afterEdit = await focused(page);

    // Escape cancels an edit and gives the focus back
    await page.keyboard.press("e");
    await form.waitFor();
    await page.keyboard.press("Escape");
    await form.waitFor({ state: "detached" });
    out.steps.afterEscape = await focused(page);

    // add a term
    await page.locator(".module >> nth=0").getByRole("button", { name: "Add a term" }).click();
    await form.getByLabel("Term").fill("flood plain");
    await form.getByLabel("Definition").fill("The flat land a river covers when it floods.");
    await form.getByRole("button", { name: "Save" }).click();
    await form.waitFor({ state: "detached" });
    await settle(page);

    // reload: everything is still there, read back from plan.yaml
    await page.reload();
    await page.locator(".item").first().waitFor();
    const first = page.locator(".module >> nth=0");
    out.steps.reloaded = {
      kept: await item(page, "objectives", 0).getAttribute("data-state"),
      dropped: await item(page, "quiz", 1).getAttribute("data-state"),
      edited: await item(page, "quiz", 0).locator(".item__text").textContent(),
      right: await item(page, "quiz", 0).locator(".choices li strong").locator("..").textContent(),
      terms: await first.locator('.item[data-kind="terms"] .item__text').allTextContents(),
      progress: await first.locator(".progress").textContent(),
    };
    await context.close();
  }
  { // a phone: nothing scrolls sideways, with the edit form of a multiple-choice item open
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    await page.goto(REVIEW);
    await page.locator(".item").first().waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    out.steps.phone = { page: await overflow() };
    await item(page, "quiz", 0).focus();
    await page.keyboard.press("e");
    await page.locator("form.edit").waitFor();
    out.steps.phone.form = await overflow();
    await context.close();
  }
  if (job.noPlan) { // a course without plan.yaml: the page offers to make one
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on("pageerror", (error) => out.errors.push(String(error)));
    await page.goto(`${job.noPlan}/_review/`);
    const make = page.getByRole("button", { name: /^Make .*plan\.yaml$/ });
    await make.waitFor();
    await axe(page, "no plan");
    await make.click();
    await page.locator(".item").first().waitFor({ timeout: 60000 });
    out.steps.noPlan = { items: await page.locator(".item").count(),
      status: await page.locator("#status").textContent() };
    await context.close();
  }
  for (const other of job.others || []) {
    for (const scheme of ["light", "dark"]) {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      page.on("pageerror", (error) => out.errors.push(String(error)));
      await page.goto(`${other.base}/_review/`);
      await page.locator(".item").first().waitFor();
      await axe(page, `${other.name} ${scheme}`);
      await page.keyboard.press("j");
      out.steps[`${other.name} ${scheme}`] = {
        ...(await focused(page)),
        dir: await page.evaluate(() => getComputedStyle(document.activeElement.querySelector(".item__text")).direction),
        sentence: await page.locator("#source-sentence").textContent().catch(() => null),
      };
      await context.close();
    }
  }
  // the preview itself, rebuilt from plan.yaml
  const page = await browser.newPage();
  await page.goto(`${job.base}/index.html`);
  const link = await page.locator('a[href*="modules/"]').first().getAttribute("href");
  await page.goto(new URL(link, `${job.base}/index.html`).href);
  out.steps.preview = await page.locator("body").textContent();
} finally {
  await browser.close();
}
process.stdout.write(JSON.stringify(out));
