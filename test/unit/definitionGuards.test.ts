import { describe, expect, it } from '@jest/globals';

import {
	buildProperties,
	DefinitionError,
	type OperationDefinition,
	type ResourceDefinition,
} from '../../nodes/shared/operations';
import { platformOperations } from '../../nodes/GreenFlux/operations';
import { platformResources } from '../../nodes/GreenFlux/resources';

const resources: ResourceDefinition[] = [
	{ value: 'thing', name: 'Thing', description: 'A test resource' },
];

const definition = (overrides: Partial<OperationDefinition> = {}): OperationDefinition => ({
	resource: 'thing',
	operation: 'get',
	name: 'Get',
	action: 'Get a thing',
	description: 'Test-only operation',
	module: 'Things',
	method: 'GET',
	path: '/api/1.0/things/{thingId}',
	fields: [
		{
			property: {
				displayName: 'Thing ID',
				name: 'thingId',
				type: 'string',
				required: true,
				default: '',
			},
			to: { in: 'path', name: 'thingId' },
		},
	],
	...overrides,
});

describe('definition guards (raised while the node description is built)', () => {
	it('accept the GreenFlux node as it is', () => {
		expect(() => buildProperties(platformResources, platformOperations)).not.toThrow();
	});

	it('an operation whose resource is not declared fails instead of vanishing', () => {
		const orphan = definition({ resource: 'unknownThing' });
		expect(() => buildProperties(resources, [definition(), orphan])).toThrow(DefinitionError);
		expect(() => buildProperties(resources, [definition(), orphan])).toThrow(
			'Operation unknownThing:get: resource "unknownThing" is not declared in the node\'s resources',
		);
	});

	it('a resource/operation pair defined twice fails', () => {
		expect(() => buildProperties(resources, [definition(), definition()])).toThrow(
			'Operation thing:get is defined twice',
		);
	});

	it('a parameter name used with two types fails, naming both operations', () => {
		const locatorField = {
			property: {
				displayName: 'Thing',
				name: 'thingId',
				type: 'resourceLocator' as const,
				default: { mode: 'id', value: '' },
				modes: [{ displayName: 'By ID', name: 'id', type: 'string' as const }],
			},
			to: { in: 'path' as const, name: 'thingId' },
		};
		const update = definition({ operation: 'update', method: 'PATCH', fields: [locatorField] });
		expect(() => buildProperties(resources, [definition(), update])).toThrow(
			'Parameter "thingId" is a resourceLocator in thing:update but a string in thing:get: give one of them another name',
		);
	});

	it('a list operation with a file output that also has its own "output" field fails', () => {
		const outputField = {
			property: {
				displayName: 'Output',
				name: 'output',
				type: 'options' as const,
				default: 'items',
				options: [{ name: 'Items', value: 'items' }],
			},
		};
		const list = definition({
			operation: 'getAll',
			path: '/api/1.0/things',
			fields: [outputField],
			list: { pagination: 'offset', maxPageSize: 100, fileOutput: { name: 'things' } },
		});
		expect(() => buildProperties(resources, [list])).toThrow(
			'Operation thing:getAll shows parameter "output" twice',
		);
	});
});
