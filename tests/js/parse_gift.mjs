// Parses a GIFT file with gift-pegjs (a third-party GIFT grammar) and prints
// the parsed questions as JSON. usage: node parse_gift.mjs FILE
import { readFileSync } from "node:fs";
import { parse } from "gift-pegjs";

const text = readFileSync(process.argv[2], "utf8");
process.stdout.write(JSON.stringify(parse(text)));
