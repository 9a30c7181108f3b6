import { operationKey } from './operations';

/** What `subtitleOf` needs of an operation definition. */
export interface SubtitleSource {
	resource: string;
	operation: string;
	/** Sentence case, e.g. "Get many CDRs" (the text n8n's node panel shows for the operation). */
	action: string;
}

/**
 * The node's `subtitle`: an n8n expression that shows the chosen operation's action text ("Get many
 * CDRs") under the node on the canvas, generated from the operation definitions (one lookup keyed by
 * `resource:operation`), so a new operation gets its subtitle without anyone editing a table.
 * A combination the table does not know (a parameter set by hand) falls back to "operation: resource".
 */
export function subtitleOf(definitions: readonly SubtitleSource[]): string {
	const actions: Record<string, string> = {};
	for (const { resource, operation, action } of definitions) {
		actions[operationKey(resource, operation)] = action;
	}
	// Keys and texts as JavaScript string literals, with braces escaped: n8n's expression syntax ends
	// at the first "}}", which an action text must not be able to produce.
	const literal = (text: string) =>
		JSON.stringify(text).replace(/[{}]/g, (brace) => (brace === '{' ? '\\u007b' : '\\u007d'));
	const table = `{${Object.entries(actions)
		.map(([key, action]) => `${literal(key)}:${literal(action)}`)
		.join(',')}}`;
	return `={{ (${table})[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] + ": " + $parameter["resource"] }}`;
}
