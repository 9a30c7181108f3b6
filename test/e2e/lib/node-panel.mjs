// What n8n's editor derives from the package's node descriptions (as GET /types/nodes.json serves them),
// computed the way n8n 2.41's editor computes it, so the browser check compares the editor with the
// package's own definitions instead of hard-coded numbers:
// - the node panel's entries, actions and triggers (editor-ui useActionsGenerator: resourceCategories,
//   operationsCategory, triggersCategory; a trigger "<name>Trigger" is merged into the node "<name>");
// - the canvas subtitle of a node for every operation (the node's `subtitle` expression, evaluated with
//   n8n-workflow's Workflow like the editor does).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Workflow } = require('n8n-workflow');
const startCase = require('lodash/startCase');

/** n8n's "Custom API Call" operation (it adds one per resource to nodes with credentials); never listed. */
const CUSTOM_API_CALL_KEY = '__CUSTOM_API_CALL__';
/** Option names n8n leaves out of the action lists. */
const HIDDEN_NAMES = ['*', '', ' '];

const versionsOf = (type) => [type.version].flat();

/** The version the node panel adds: defaultVersion, else the highest. */
const panelVersion = (type) =>
	typeof type.defaultVersion === 'number' ? type.defaultVersion : Math.max(...versionsOf(type));

/** Whether a property is shown for the panel's version (its `@version` display condition). */
function matchesVersion(property, type) {
	const wanted = property.displayOptions?.show?.['@version'];
	if (!wanted) return true;
	const version = panelVersion(type);
	return wanted.some((v) => {
		if (typeof v === 'number') return v === version;
		const c = v?._cnd ?? {};
		return (
			(c.eq === undefined || version === c.eq) &&
			(c.gte === undefined || version >= c.gte) &&
			(c.lte === undefined || version <= c.lte) &&
			(c.gt === undefined || version > c.gt) &&
			(c.lt === undefined || version < c.lt)
		);
	});
}

/** change-case's noCase, which n8n 2.41 applies to an event name without `action` ("CDR Created" → "cdr created"). */
const noCase = (text) =>
	text
		.split('.')
		.join(' ')
		.replace(/([a-z0-9])([A-Z])/g, '$1 $2')
		.split(/[^A-Za-z0-9]+/)
		.filter(Boolean)
		.map((word) => word.toLowerCase())
		.join(' ');

/**
 * The package's node types as the regular node panel shows them: without the "<node> Tool" variants
 * n8n generates for `usableAsTool` nodes (listed only where an AI agent asks for tools).
 */
function packageTypes(nodeTypes, packageName) {
	return nodeTypes.filter(
		(t) => t.name.startsWith(`${packageName}.`) && !t.codex?.subcategories?.AI?.includes('Tools'),
	);
}

/** Trigger actions: the options of the "Event(s)" / "Trigger On" property, or n8n's placeholder. */
function triggerActions(type) {
	if (!type.displayName?.toLowerCase().includes('trigger')) return [];
	const events = type.properties.find((p) =>
		['event', 'events', 'trigger on'].includes(p.displayName?.toLowerCase()),
	);
	if (!events?.options)
		return [`On new ${type.displayName.replace('Trigger', '').trimEnd()} event`];
	return events.options
		.filter((o) => !HIDDEN_NAMES.includes(o.name))
		.map((o) => o.action ?? `On ${noCase(o.name)}`);
}

/** Actions of a node without resources: the options of its "Operation" property. */
function operationActions(type) {
	if (type.properties.some((p) => p.name === 'resource' && matchesVersion(p, type))) return [];
	const operation =
		type.properties.find((p) => p.name?.toLowerCase() === 'operation' && matchesVersion(p, type)) ??
		type.properties.find((p) => p.name?.toLowerCase() === 'operation');
	return (operation?.options ?? [])
		.filter((o) => !HIDDEN_NAMES.includes(o.name) && o.value !== CUSTOM_API_CALL_KEY)
		.map((o) => o.action ?? startCase(o.name));
}

/** Actions per resource: the options of the first "Operation" property shown for the resource. */
function resourceActions(type) {
	const actions = [];
	for (const resourceProperty of type.properties.filter(
		(p) => p.name === 'resource' && matchesVersion(p, type),
	)) {
		const resources = (resourceProperty.options ?? []).filter(
			(o) => o.value !== CUSTOM_API_CALL_KEY,
		);
		for (const resource of resources) {
			const operation = type.properties.find(
				(p) =>
					p.name === 'operation' &&
					(p.displayOptions?.show?.resource?.includes(resource.value) ?? resources.length === 1) &&
					matchesVersion(p, type),
			);
			for (const option of (operation?.options ?? []).filter(
				(o) => o.value !== CUSTOM_API_CALL_KEY,
			))
				actions.push(option.action ?? `${resource.name} ${startCase(option.name)}`);
		}
	}
	return actions;
}

/**
 * The package's entries in n8n's node panel: [{ name, displayName, actions: string[], triggers: string[] }].
 * A trigger whose name without "Trigger" is one of the package's nodes is merged into that entry.
 */
export function expectedPanelEntries(nodeTypes, packageName) {
	const types = packageTypes(nodeTypes, packageName);
	const latest = new Map();
	for (const type of types) {
		const known = latest.get(type.name);
		if (!known || Math.max(...versionsOf(type)) > Math.max(...versionsOf(known)))
			latest.set(type.name, type);
	}
	const entries = new Map();
	for (const type of [...latest.values()].filter((t) => !t.group.includes('trigger'))) {
		entries.set(type.name, {
			name: type.name,
			displayName: type.displayName,
			actions: [...triggerActions(type), ...operationActions(type), ...resourceActions(type)],
			triggers: [],
		});
	}
	for (const trigger of [...latest.values()].filter((t) => t.group.includes('trigger'))) {
		const app = entries.get(trigger.name.replace('Trigger', ''));
		if (app && app.actions.length > 0) app.triggers = triggerActions(trigger);
		else
			entries.set(trigger.name, {
				name: trigger.name,
				displayName: trigger.displayName,
				actions: [],
				triggers: triggerActions(trigger),
			});
	}
	// n8n lists no actions for an entry with a single one (a click adds the node directly), and shows
	// a trigger with its own actions without " Trigger" ("GreenFlux Poll Trigger" → "GreenFlux Poll").
	for (const entry of entries.values()) {
		if (entry.actions.length + entry.triggers.length <= 1) entry.actions = entry.triggers = [];
		else if (entry.actions.length === 0)
			entry.displayName = entry.displayName.replace(' Trigger', '');
	}
	return [...entries.values()];
}

/**
 * The canvas subtitle of every operation of the package's action nodes, as the editor evaluates it:
 * [{ type, node, resource, operation, action, subtitle }] (action = the operation's node-panel text).
 */
export function operationSubtitles(nodeTypes, packageName) {
	const rows = [];
	for (const type of packageTypes(nodeTypes, packageName).filter(
		(t) => !t.group.includes('trigger') && t.subtitle,
	)) {
		const nodeTypesStub = {
			getByName: () => ({ description: type }),
			getByNameAndVersion: () => ({ description: type }),
			getKnownTypes: () => ({}),
		};
		const resourceProperty = type.properties.find((p) => p.name === 'resource');
		for (const resource of resourceProperty?.options ?? [{ value: undefined }]) {
			const operation = type.properties.find(
				(p) =>
					p.name === 'operation' &&
					(resource.value === undefined ||
						p.displayOptions?.show?.resource?.includes(resource.value)),
			);
			for (const option of (operation?.options ?? []).filter(
				(o) => o.value !== CUSTOM_API_CALL_KEY,
			)) {
				const node = {
					id: 'subtitle',
					name: type.displayName,
					type: type.name,
					typeVersion: Math.max(...versionsOf(type)),
					position: [0, 0],
					parameters: { resource: resource.value, operation: option.value },
				};
				const workflow = new Workflow({
					nodes: [node],
					connections: {},
					active: false,
					nodeTypes: nodeTypesStub,
				});
				let subtitle;
				try {
					subtitle = workflow.expression.getSimpleParameterValue(
						node,
						type.subtitle,
						'internal',
						{},
					);
				} catch (error) {
					subtitle = `(error: ${error.message})`;
				}
				rows.push({
					type: type.name,
					node: type.displayName,
					resource: resource.value,
					operation: option.value,
					action: option.action ?? option.name,
					subtitle,
				});
			}
		}
	}
	return rows;
}
