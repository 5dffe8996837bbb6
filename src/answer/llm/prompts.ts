/**
 * Prompt templates live in `prompts/*.txt` at the package root so they can be read and tuned
 * without touching code. Each file has a `=== system ===` and a `=== user ===` section with
 * `{{name}}` placeholders. Files are read once, on first use.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ChatMessage, Passage } from "./types";

export type PromptName = "answer" | "summary";

/** Same path from `src/answer/llm/` (tests, tsx) and from the compiled `dist/answer/llm/`. */
export const PROMPTS_DIR = path.resolve(__dirname, "../../../prompts");

interface Template {
  system: string;
  user: string;
}

const cache = new Map<PromptName, Template>();

export function loadPrompt(name: PromptName, dir: string = PROMPTS_DIR): Template {
  const cached = dir === PROMPTS_DIR ? cache.get(name) : undefined;
  if (cached) return cached;
  const file = path.join(dir, `${name}.txt`);
  const raw = readFileSync(file, "utf8").replace(/\r\n/g, "\n");
  const match = /^=== system ===\n([\s\S]*?)^=== user ===\n([\s\S]*)$/m.exec(raw);
  if (!match?.[1] || !match[2]) {
    throw new Error(`${file}: expected a "=== system ===" section followed by a "=== user ===" section`);
  }
  const template = { system: match[1].trim(), user: match[2].trim() };
  if (dir === PROMPTS_DIR) cache.set(name, template);
  return template;
}

/**
 * Fills `{{name}}` placeholders in one pass, so text inserted for one placeholder (a question that
 * contains "{{passages}}") is never expanded again. An unknown placeholder is a bug in the template.
 */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_whole, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`prompt placeholder {{${key}}} has no value`);
    return value;
  });
}

export function renderPrompt(name: PromptName, values: Record<string, string>): ChatMessage[] {
  const template = loadPrompt(name);
  return [
    { role: "system", content: fill(template.system, values) },
    { role: "user", content: fill(template.user, values) },
  ];
}

// The tags that delimit data in the user message. Text from users or articles must not be able to
// close a section early and pose as instructions, so any such tag inside the data is defused.
const DELIMITER_TAG = /<\s*\/?\s*(passages|history|question|topic)\s*>/gi;

export function asData(text: string): string {
  return text.replace(DELIMITER_TAG, (_tag, name: string) => `(${name} tag removed)`);
}

/** `[n] (title, ¶p) text`, one passage per line; whitespace collapsed (quotes are located tolerantly). */
export function formatPassages(passages: Passage[]): string {
  return passages
    .map((p) => `[${p.n}] (${asData(oneLine(p.title))}, ¶${p.paragraph}) ${asData(oneLine(p.text))}`)
    .join("\n\n");
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
