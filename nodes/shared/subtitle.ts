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
	const table = lookupTable(
		definitions.map(({ resource, operation, action }) => [
			operationKey(resource, operation),
			action,
		]),
	);
	return `={{ (${table})[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] + ": " + $parameter["resource"] }}`;
}

/**
 * A trigger's `subtitle`: the display name of the chosen event ("CDR Created"), or of the chosen events
 * joined, or "All events" when every one is chosen; a value the options do not know is shown as is.
 */
export function eventSubtitleOf(
	options: ReadonlyArray<{ name: string; value: string }>,
	parameter: 'event' | 'events',
): string {
	const table = lookupTable(options.map(({ name, value }) => [value, name]));
	if (parameter === 'event') return `={{ (${table})[$parameter["event"]] || $parameter["event"] }}`;
	const chosen = '($parameter["events"] || [])';
	return `={{ ${chosen}.length === ${options.length} ? "All events" : ${chosen}.map((event) => (${table})[event] || event).join(", ") }}`;
}

/**
 * An object literal for an expression, keys and texts as JavaScript string literals with braces escaped:
 * n8n's expression syntax ends at the first "}}", which a text must not be able to produce.
 */
function lookupTable(entries: Array<[string, string]>): string {
	const literal = (text: string) =>
		JSON.stringify(text).replace(/[{}]/g, (brace) => (brace === '{' ? '\\u007b' : '\\u007d'));
	return `{${entries.map(([key, text]) => `${literal(key)}:${literal(text)}`).join(',')}}`;
}
