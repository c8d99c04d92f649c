// Types answers into the fill-in items of one module page in headless
// Chromium, presses "Check answers" after each, and prints as JSON whether
// the quiz marked the item right. Driven by tests/test_answers.py.
//
// usage: node check_quiz.mjs <job.json>
// job: {page: absolute path, attempts: [{item: index of the .quiz__item, text}]}
// out: {marks: [true|false|null per attempt], feedback: [text], errors: [..]}
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const ARGS = ["--headless", "--no-sandbox", "--disable-gpu",
  "--disable-background-networking", "--no-first-run"];
const job = JSON.parse(readFileSync(process.argv[2], "utf8"));

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ARGS });
try {
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  await page.route("**/*", (route) => (route.request().url().startsWith("file://")
    ? route.continue() : route.abort()));
  await page.goto(pathToFileURL(job.page).href);
  const items = page.locator(".quiz__item");
  const marks = [];
  const feedback = [];
  for (const attempt of job.attempts) {
    const item = items.nth(attempt.item);
    await item.locator("input[type=text]").fill(attempt.text);
    await page.locator(".quiz__check").click();
    const classes = (await item.getAttribute("class")) || "";
    marks.push(classes.includes("is-correct") ? true
      : classes.includes("is-incorrect") ? false : null);
    feedback.push(await item.locator(".quiz__feedback").textContent());
  }
  process.stdout.write(JSON.stringify({ marks, feedback, errors }));
} finally {
  await browser.close();
}
