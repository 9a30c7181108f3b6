// What n8n's editor would flag when a workflow is opened: unknown node types or versions, parameter
// issues (required values missing, invalid options), missing credentials, and parameters the node would
// drop (typos, or not shown for the chosen resource/operation). Uses n8n-workflow's NodeHelpers — the
// functions the editor itself uses — with the node descriptions the running n8n serves (/types/nodes.json).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { NodeHelpers } = require('n8n-workflow');

/** Returns a list of problems (empty = opens without warnings). `credentials`: [{ name, type }] that exist. */
export function editorIssues(workflow, nodeTypes, credentials) {
	const problems = [];
	const names = new Set(workflow.nodes.map((n) => n.name));
	for (const node of workflow.nodes) {
		const type = nodeTypes.find(
			(t) => t.name === node.type && [t.version].flat().includes(node.typeVersion),
		);
		if (!type) {
			const versions = nodeTypes
				.filter((t) => t.name === node.type)
				.flatMap((t) => [t.version].flat());
			problems.push(
				`${node.name}: ${versions.length ? `type ${node.type} has no version ${node.typeVersion} (has ${versions.join(', ')})` : `unknown node type ${node.type}`}`,
			);
			continue;
		}
		const parameters = NodeHelpers.getNodeParameters(
			type.properties,
			node.parameters,
			true,
			false,
			node,
			type,
		);
		const resolved = { ...node, parameters };
		const issues = NodeHelpers.getNodeParametersIssues(type.properties, resolved, type);
		for (const [parameter, messages] of Object.entries(issues?.parameters ?? {}))
			problems.push(`${node.name}: parameter ${parameter}: ${messages.join('; ')}`);
		for (const property of type.properties) {
			const value = parameters[property.name];
			if (property.type !== 'options' || typeof value !== 'string' || value.startsWith('='))
				continue;
			if (!NodeHelpers.displayParameter(parameters, property, node, type)) continue;
			if (!(property.options ?? []).some((option) => option.value === value))
				problems.push(
					`${node.name}: parameter ${property.name}: "${value}" is not one of its options`,
				);
		}

		// Parameters the node does not have (or does not show with these settings) would be dropped on save.
		const kept =
			NodeHelpers.getNodeParameters(type.properties, node.parameters, false, false, node, type) ??
			{};
		for (const key of Object.keys(node.parameters ?? {})) {
			if (!(key in kept) && !(key in parameters))
				problems.push(
					`${node.name}: parameter "${key}" is unknown or not shown for these settings`,
				);
		}
		for (const credential of type.credentials ?? []) {
			if (!NodeHelpers.displayParameter(parameters, credential, node, type)) continue;
			const given = node.credentials?.[credential.name];
			if (!given) {
				if (credential.required)
					problems.push(`${node.name}: credential ${credential.name} is required but not set`);
				continue;
			}
			const match = credentials.filter(
				(c) =>
					c.type === credential.name && (c.name === given.name || (given.id && c.id === given.id)),
			);
			if (match.length !== 1)
				problems.push(
					`${node.name}: credential "${given.name}" of type ${credential.name} ${match.length ? 'is ambiguous' : 'does not exist'}`,
				);
		}
		for (const key of Object.keys(node.credentials ?? {})) {
			if (!(type.credentials ?? []).some((c) => c.name === key))
				problems.push(`${node.name}: credential type ${key} is not used by ${node.type}`);
		}
	}
	for (const [from, outputs] of Object.entries(workflow.connections ?? {})) {
		if (!names.has(from)) problems.push(`connection from unknown node "${from}"`);
		for (const targets of Object.values(outputs).flat()) {
			for (const target of targets ?? [])
				if (!names.has(target.node))
					problems.push(`connection from "${from}" to unknown node "${target.node}"`);
		}
	}
	return problems;
}
