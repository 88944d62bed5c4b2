/**
 * The queue's single-key shortcuts (j, k, p, r), their help on the page,
 * and the switch that turns them off. WCAG 2.1.4: they only act while the
 * focus is inside the queue, never while the moderator types (a text
 * field, a list, any form), and the moderator can turn them off; the
 * choice is kept in this browser. Everything they do stays reachable with
 * Tab and Enter.
 */
import { type KeyboardEvent, useCallback, useState } from "react";
import { frModeration } from "./messages.fr";

const text = frModeration.keyboard;
const STORAGE_KEY = "moderation-shortcuts";

/** What a key asks for. */
export type ShortcutAction = "next" | "previous" | "publish" | "reject";

const actions: Readonly<Record<string, ShortcutAction>> = { j: "next", k: "previous", p: "publish", r: "reject" };

/**
 * The action of a key press, or undefined when it is not a shortcut here:
 * a modifier is held, or the focus is where keys are typed (a field, a
 * select, editable text, or anything inside a form: the rejection form
 * handles its own Enter and Escape).
 */
export function shortcutOf(event: KeyboardEvent<HTMLElement>): ShortcutAction | undefined {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return undefined;
  const target = event.target as HTMLElement;
  if (target.closest?.("form, textarea, select, [contenteditable=''], [contenteditable='true']")) return undefined;
  if (target instanceof HTMLInputElement && !["checkbox", "radio", "button"].includes(target.type)) return undefined;
  return actions[event.key];
}

function readSetting(): boolean {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) !== "off";
  } catch {
    return true;
  }
}

/** Whether the shortcuts are on (the default), and the switch; kept in localStorage. */
export function useShortcutSetting(): [boolean, (on: boolean) => void] {
  const [enabled, setEnabled] = useState(readSetting);
  const set = useCallback((on: boolean) => {
    setEnabled(on);
    try {
      if (on) globalThis.localStorage?.removeItem(STORAGE_KEY);
      else globalThis.localStorage?.setItem(STORAGE_KEY, "off");
    } catch {
      // A browser that keeps nothing: the choice lasts as long as the page.
    }
  }, []);
  return [enabled, set];
}

/** Props of ShortcutHelp. */
export interface ShortcutHelpProps {
  enabled: boolean;
  onToggle(on: boolean): void;
}

/** « Raccourcis clavier »: the keys, what they do, and the switch. */
export function ShortcutHelp({ enabled, onToggle }: ShortcutHelpProps) {
  return (
    <details className="mod-shortcuts">
      <summary>{text.title}</summary>
      <p className="mod-shortcuts-intro">{text.intro}</p>
      <dl className="mod-shortcut-list">
        {text.keys.map(([key, meaning]) => (
          <div key={key}>
            <dt>
              <kbd>{key}</kbd>
            </dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
      <div className="choice">
        <input
          type="checkbox"
          id="moderation-shortcuts-enabled"
          checked={enabled}
          onChange={(event) => onToggle(event.currentTarget.checked)}
        />
        <label htmlFor="moderation-shortcuts-enabled">{text.enable}</label>
      </div>
    </details>
  );
}
