// Engine-test harness: runs a real workflow (test start node → node under test) through n8n-core's
// WorkflowExecute, so the node's requests go through n8n's own httpRequestWithAuthentication (axios)
// to whatever server the test points the credential at. Credentials are applied by the credential
// type's OWN `authenticate` definition, resolved with the workflow's expression engine exactly like
// n8n's CLI CredentialsHelper does. `testCredential` mirrors n8n's CredentialsTester for declarative
// `test` requests (RoutingNode + rules).
//
// Import this only from test files: N8N_USER_FOLDER must already point at a temp dir (jest
// `setupFiles: test/engine/setup-env.ts`) before n8n-core is loaded.
import { get } from 'lodash';
import {
	ExecuteContext,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import {
	createRunExecutionData,
	ICredentialsHelper,
	isExpression,
	NodeConnectionTypes,
	NodeHelpers,
	UnexpectedError,
	Workflow,
} from 'n8n-workflow';
import type {
	ExecutionBaseError,
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsDecrypted,
	ICredentialsEncrypted,
	ICredentialTestRequest,
	ICredentialType,
	IBinaryKeyData,
	IDataObject,
	IExecuteData,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IRun,
	ITaskDataConnections,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

export interface RunNodeOptions {
	/** The node under test, e.g. `new GreenFlux()`. */
	nodeType: INodeType;
	/** Type name of the node in the workflow; default `'n8n-nodes-greenflux.' + description.name`. */
	typeName?: string;
	/** The node's parameters (as stored in a workflow; defaults are applied by n8n). */
	parameters: INodeParameters;
	/** Credential data by credential type name, e.g. `{ greenFluxPlatformApi: { environment: 'custom', url, token } }`. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	/** Credential classes whose own `authenticate` (generic or function) is applied to requests. */
	credentialTypes?: ICredentialType[];
	/** Items the start node feeds into the node under test (default `[{}]`). */
	inputItems?: IDataObject[];
	/** Binary data of the input items, by index (n8n's IBinaryKeyData, `data` base64); default none. */
	inputBinary?: Array<IBinaryKeyData | undefined>;
	/** Sets `onError: 'continueRegularOutput'` on the node under test. */
	continueOnFail?: boolean;
	/** Node name in the workflow (default: `description.defaults.name`, else `'Node under test'`). */
	nodeName?: string;
	/** Node type version (default: the latest version the description declares). */
	typeVersion?: number;
	/** Execution mode (default `'manual'`). */
	mode?: WorkflowExecuteMode;
}

export interface RunNodeResult {
	/** The node's main output 0 (empty array if none). */
	items: INodeExecutionData[];
	/** All of the node's main outputs of its (first) run. */
	outputs: INodeExecutionData[][];
	/**
	 * The node's error if the run failed, read from the IRun (task data, else resultData.error). This
	 * is the plain-object copy WorkflowExecute persists (`{ ...error, message, stack }`), so assert
	 * on `name`, `message`, `description`, `httpCode`… rather than `instanceof`.
	 */
	error?: ExecutionBaseError | Error;
	run: IRun;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/** Name of the test-only start node in every workflow `runNode` builds. */
export const START_NODE_NAME = 'Start';
/** Type name of the test-only start node. */
export const START_NODE_TYPE = 'n8n-nodes-greenflux-test.start';
/** Package prefix `runNode` gives the node under test unless `typeName` is set. */
export const PACKAGE_PREFIX = 'n8n-nodes-greenflux.';

/**
 * Runs `start → node under test` through n8n-core's WorkflowExecute and returns the node's output
 * and error from the resulting IRun (resultData.runData / resultData.error).
 */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const { nodeType } = options;
	const description = nodeType.description;
	const typeName = options.typeName ?? `${PACKAGE_PREFIX}${description.name}`;
	const nodeName = options.nodeName ?? description.defaults?.name ?? 'Node under test';
	if (nodeName === START_NODE_NAME) {
		throw new UnexpectedError(`The node under test cannot be named "${START_NODE_NAME}"`);
	}
	const mode = options.mode ?? 'manual';
	const inputItems = options.inputItems ?? [{}];
	const credentials = options.credentials ?? {};

	const nodeTypes = new TestNodeTypes({
		[START_NODE_TYPE]: createStartNodeType(inputItems, options.inputBinary),
		[typeName]: nodeType,
	});

	const startNode: INode = {
		id: 'start-node',
		name: START_NODE_NAME,
		type: START_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const nodeUnderTest: INode = {
		id: 'node-under-test',
		name: nodeName,
		type: typeName,
		typeVersion: options.typeVersion ?? latestVersion(nodeType),
		position: [250, 0],
		parameters: options.parameters,
	};
	if (Object.keys(credentials).length > 0) {
		nodeUnderTest.credentials = {};
		for (const credentialTypeName of Object.keys(credentials)) {
			nodeUnderTest.credentials[credentialTypeName] = credentialDetails(credentialTypeName);
		}
	}
	if (options.continueOnFail) nodeUnderTest.onError = 'continueRegularOutput';

	const connections = {
		[START_NODE_NAME]: {
			[NodeConnectionTypes.Main]: [[{ node: nodeName, type: NodeConnectionTypes.Main, index: 0 }]],
		},
	};
	const workflow = new Workflow({
		id: 'greenflux-engine-test',
		name: 'GreenFlux engine test',
		nodes: [startNode, nodeUnderTest],
		connections,
		nodeTypes,
		active: false,
		settings: { executionOrder: 'v1' },
	});

	const workflowData: IWorkflowBase = {
		id: 'greenflux-engine-test',
		name: 'GreenFlux engine test',
		active: false,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [startNode, nodeUnderTest],
		connections,
		settings: { executionOrder: 'v1' },
		activeVersionId: null,
	};
	const hooks = new ExecutionLifecycleHooks(mode, 'engine-test-execution', workflowData);
	let hookRun: IRun | undefined;
	hooks.addHandler('workflowExecuteAfter', (fullRunData) => {
		hookRun = fullRunData;
	});

	const credentialsHelper = new TestCredentialsHelper(credentials, options.credentialTypes ?? []);
	const additionalData = createAdditionalData(credentialsHelper, hooks);

	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: startNode, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});

	const workflowExecute = new WorkflowExecute(additionalData, mode, runExecutionData);
	const processed = await workflowExecute.processRunExecutionData(workflow);
	// Prefer the IRun as n8n hands it to its own persistence (the workflowExecuteAfter hook's argument).
	const run = hookRun ?? processed;

	const taskData = run.data.resultData.runData[nodeName]?.[0];
	const outputs = (taskData?.data?.[NodeConnectionTypes.Main] ?? []).map((output) => output ?? []);
	const error = taskData?.error ?? run.data.resultData.error ?? undefined;
	return { items: outputs[0] ?? [], outputs, error, run };
}

/**
 * Tests a credential the way n8n's CLI CredentialsTester does for a declarative `test`
 * (ICredentialTestRequest): the request runs through n8n-core's RoutingNode on a temporary node type
 * whose single property routes `test.request`, with the credential applied by its own
 * `authenticate`; then `test.rules` decide the result.
 */
export async function testCredential(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const testRequest: ICredentialTestRequest | undefined = credentialType.test;
	if (!testRequest) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	const credentialsHelper = new TestCredentialsHelper({ [credentialType.name]: data }, [
		credentialType,
	]);
	let credentialData: ICredentialDataDecryptedObject;
	try {
		// What n8n does before testing: applyDefaultsAndOverwrites (defaults of declared properties).
		credentialData = credentialsHelper.applyDefaults(credentialType.name, data);
	} catch (error) {
		return { status: 'Error', message: String((error as Error).message) };
	}

	// n8n tests with a copy of `n8n-nodes-base.noOp` (no properties) unless a node declares testedBy.
	const nodeTypeName = 'n8n-nodes-base.noOp';
	const testNodeType: INodeType = {
		description: {
			displayName: 'No Operation, do nothing',
			name: nodeTypeName,
			group: ['organization'],
			version: 1,
			description: 'No Operation',
			defaults: { name: 'No Operation, do nothing' },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};

	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: nodeTypeName,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [credentialType.name]: credentialDetails(credentialType.name) },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({ [nodeTypeName]: testNodeType }),
	});

	const mode: WorkflowExecuteMode = 'internal';
	const inputData: ITaskDataConnections = { main: [[{ json: {} }]] };
	const executeData: IExecuteData = { node, data: {}, source: null };
	const additionalData = createAdditionalData(credentialsHelper);
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		mode,
		createRunExecutionData({ executionData: null }),
		0,
		[],
		inputData,
		executeData,
		[],
	);
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: credentialDetails(credentialType.name).id as string,
		name: credentialDetails(credentialType.name).name,
		type: credentialType.name,
		data: credentialData,
	};
	const routingNode = new RoutingNode(context, testNodeType, credentialsDecrypted);

	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		// Same order as n8n: responseCode rules on an HTTP error, then any non-2xx is an Error,
		// a network error reports its code, anything else its message.
		const cause = (
			error as { cause?: { response?: { status: number; statusText?: string }; code?: string } }
		).cause;
		if (cause?.response) {
			const statusCode = cause.response.status;
			const statusMessage = cause.response.statusText;
			for (const rule of testRequest.rules ?? []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return {
					status: 'Error',
					message: statusMessage || `Received HTTP status code: ${statusCode}`,
				};
			}
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message: String((error as Error).message) };
	}

	if (Array.isArray(testRequest.rules)) {
		for (const rule of testRequest.rules) {
			if (rule.type !== 'responseSuccessBody') continue;
			const responseData = response?.[0]?.[0]?.json ?? {};
			if (get(responseData, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}

	return { status: 'OK', message: 'Connection successful!' };
}

// ---------------------------------------------------------------------------------------------
// Credentials helper
// ---------------------------------------------------------------------------------------------

/**
 * In-memory ICredentialsHelper: `getDecrypted` returns the given data with the credential type's
 * defaults applied (as n8n does); `authenticate` applies the credential type's own `authenticate`.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	private readonly types = new Map<string, ICredentialType>();

	constructor(
		private readonly credentials: Record<string, ICredentialDataDecryptedObject>,
		credentialTypes: ICredentialType[],
	) {
		super();
		for (const type of credentialTypes) this.types.set(type.name, type);
	}

	private getType(typeName: string): ICredentialType {
		const type = this.types.get(typeName);
		if (!type) {
			throw new UnexpectedError(
				`Credential type "${typeName}" is not known to the test harness: pass its class in \`credentialTypes\``,
			);
		}
		return type;
	}

	/** n8n's applyDefaultsAndOverwrites without overwrites/expressions: declared defaults applied. */
	applyDefaults(
		typeName: string,
		data: ICredentialDataDecryptedObject,
	): ICredentialDataDecryptedObject {
		if (!this.types.has(typeName)) return { ...data };
		const withDefaults = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(typeName),
			data as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (data.oauthTokenData !== undefined) withDefaults.oauthTokenData = data.oauthTokenData;
		return withDefaults;
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.credentials[type];
		if (data === undefined) {
			throw new UnexpectedError(`No test credentials given for credential type "${type}"`);
		}
		return this.applyDefaults(type, data);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const requestOptions = incomingRequestOptions as IHttpRequestOptions;
		const { authenticate } = this.getType(typeName);
		if (!authenticate) return requestOptions;

		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}

		if (!workflow || !node) {
			throw new UnexpectedError(
				'Workflow and node are required for declarative credential authentication',
			);
		}
		if (requestOptions.headers === undefined) requestOptions.headers = {};
		if (authenticate.type === 'generic') {
			for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
				const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
				for (const [key, value] of Object.entries(outerValue as Record<string, unknown>)) {
					const keyResolved = resolveValue(key, credentials, workflow, node);
					const valueResolved = resolveValue(value as string, credentials, workflow, node);
					if (!target[outerKey]) target[outerKey] = {};
					target[outerKey][keyResolved] = valueResolved;
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.types.get(typeName);
		if (!credentialType || typeof credentialType.preAuthentication !== 'function') return undefined;
		const expirable = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable === undefined) return undefined;
		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (credentials[expirable.name] !== '' && !credentialsExpired && !isTestingCredentials) {
			return undefined;
		}
		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		return Object.assign(credentials, output) as ICredentialDataDecryptedObject;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.types.get(typeName);
		if (!credentialType || typeof credentialType.preAuthentication !== 'function') return undefined;
		return (await credentialType.preAuthentication.call(helpers, credentials)) as
			| ICredentialDataDecryptedObject
			| undefined;
	}

	getParentTypes(name: string): string[] {
		const parents: string[] = [];
		for (const parent of this.types.get(name)?.extends ?? []) {
			parents.push(parent, ...this.getParentTypes(parent));
		}
		return parents;
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		const data = this.credentials[type] ?? {};
		return {
			id: nodeCredentials.id ?? undefined,
			name: nodeCredentials.name,
			type,
			data: undefined,
			getData: () => ({ ...data }),
			getDataToSave: (): ICredentialsEncrypted => ({
				id: nodeCredentials.id ?? undefined,
				name: nodeCredentials.name,
				type,
				data: undefined,
			}),
			setData: () => {},
			updateData: () => {},
		} as unknown as ICredentials;
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.types.get(type);
		if (!credentialType) return [];
		if (!credentialType.extends) return credentialType.properties;
		const combined: INodeProperties[] = [];
		for (const parent of credentialType.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}
}

// ---------------------------------------------------------------------------------------------
// Internals
// ---------------------------------------------------------------------------------------------

/** Resolves a `=`-expression over `$credentials` like n8n's CredentialsHelper.resolveValue. */
function resolveValue(
	parameterValue: string,
	credentials: ICredentialDataDecryptedObject,
	workflow: Workflow,
	node: INode,
): string {
	if (!isExpression(parameterValue)) return parameterValue;
	const returnValue = workflow.expression.getSimpleParameterValue(
		node,
		parameterValue,
		'internal',
		{ $credentials: credentials },
		undefined,
		'',
	);
	if (!returnValue) return '';
	return String(returnValue);
}

export interface ListSearchOptions {
	nodeType: INodeType;
	/** The list-search method, as the node's `methods.listSearch` names it. */
	method: string;
	/** Parameters the node has while the editor asks (defaults are applied by n8n). */
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes: ICredentialType[];
	filter?: string;
	paginationToken?: string;
}

/** Calls a node's list-search method the way n8n's editor does: a LoadOptionsContext with the node's credentials. */
export async function runListSearch(options: ListSearchOptions): Promise<INodeListSearchResult> {
	const { nodeType, method, credentials, credentialTypes } = options;
	const { description } = nodeType;
	const typeName = `${PACKAGE_PREFIX}${description.name}`;
	const node: INode = {
		id: 'list-search',
		name: description.defaults.name ?? 'Node under test',
		type: typeName,
		typeVersion: latestVersion(nodeType),
		position: [0, 0],
		parameters: {},
		credentials: Object.fromEntries(
			Object.keys(credentials).map((name) => [name, credentialDetails(name)]),
		),
	};
	node.parameters =
		NodeHelpers.getNodeParameters(
			description.properties,
			options.parameters,
			true,
			false,
			node,
			description,
		) ?? {};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({ [typeName]: nodeType }),
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(credentials, credentialTypes),
		currentNodeParameters: node.parameters,
	} as unknown as IWorkflowExecuteAdditionalData;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const search = nodeType.methods?.listSearch?.[method];
	if (!search)
		throw new UnexpectedError(`${description.name} has no list-search method "${method}"`);
	return await search.call(context, options.filter, options.paginationToken);
}

class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (!type) throw new UnexpectedError(`Unknown node type "${nodeType}" in test workflow`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/** The test-only start node: ignores its input and outputs the given items (paired to input 0). */
function createStartNodeType(
	items: IDataObject[],
	binaries: Array<IBinaryKeyData | undefined> = [],
): INodeType {
	return {
		description: {
			displayName: 'Test Start',
			name: START_NODE_TYPE,
			group: ['input'],
			version: 1,
			description: 'Outputs the test input items',
			defaults: { name: START_NODE_NAME },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return [
				items.map((json, i) => ({
					json: structuredClone(json),
					...(binaries[i] ? { binary: structuredClone(binaries[i]) } : {}),
					pairedItem: { item: 0 },
				})),
			];
		},
	};
}

function latestVersion(nodeType: INodeType): number {
	const { version, defaultVersion } = nodeType.description;
	if (defaultVersion !== undefined) return defaultVersion;
	return Array.isArray(version) ? version[version.length - 1] : version;
}

function credentialDetails(credentialTypeName: string): INodeCredentialsDetails {
	return { id: `test-${credentialTypeName}`, name: `${credentialTypeName} (test)` };
}

/**
 * The additionalData WorkflowExecute/ExecuteContext need for plain HTTP nodes: hooks and the
 * credentials helper; the rest are inert placeholders (no sub-workflows, runners, variables).
 */
function createAdditionalData(
	credentialsHelper: ICredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	const unsupported = (what: string) => async () => {
		throw new UnexpectedError(`${what} is not supported by the engine-test harness`);
	};
	const additionalData: Partial<IWorkflowExecuteAdditionalData> = {
		credentialsHelper,
		hooks,
		executionId: 'engine-test-execution',
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formBaseUrl: 'http://localhost:5678/form',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		formTestBaseUrl: 'http://localhost:5678/form-test',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		mcpBaseUrl: 'http://localhost:5678/mcp',
		mcpTestBaseUrl: 'http://localhost:5678/mcp-test',
		variables: {},
		executeWorkflow: unsupported('executeWorkflow'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: unsupported('startRunnerTask'),
		logAiEvent: () => {},
	};
	return additionalData as IWorkflowExecuteAdditionalData;
}

// ---------------------------------------------------------------------------------------------
// Polling triggers (appended for the GreenFlux Poll Trigger)
// ---------------------------------------------------------------------------------------------

type PollContext = import('n8n-core').PollContext;
type WorkflowActivateMode = import('n8n-workflow').WorkflowActivateMode;

/** n8n-core's PollContext class (loaded on first use; the imports at the top of this file stay as they were). */
async function pollContextClass(): Promise<typeof import('n8n-core').PollContext> {
	return (await import('n8n-core')).PollContext;
}

export interface TestPollerOptions {
	/** The polling trigger, e.g. `new GreenFluxPollTrigger()`. */
	nodeType: INodeType;
	/** The node's parameters (defaults are applied by n8n's Workflow, as for a stored workflow). */
	parameters: INodeParameters;
	credentials: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes: ICredentialType[];
	/** The workflow's static data to start from, e.g. what n8n had saved before a restart (default none). */
	staticData?: IDataObject;
	/** Node name (default: `description.defaults.name`). */
	nodeName?: string;
	/** Workflow time zone (default UTC). */
	timezone?: string;
	/** What n8n says it is activating for (`getActivationMode()`); default 'activate'. */
	activation?: WorkflowActivateMode;
}

export interface TestPollResult {
	/** The items of the execution n8n would start, or null when poll() returned null (no execution). */
	items: INodeExecutionData[] | null;
	/** What poll() threw: n8n records it as a failed execution of the workflow. */
	error?: Error;
}

/**
 * A polling trigger as n8n runs it once its workflow is published: ONE Workflow and ONE n8n-core
 * PollContext (mode 'trigger') used for every poll, so the node's static data lives on between polls
 * the way it does in n8n's memory, and poll() called the way n8n-core's TriggersAndPollers calls it.
 * `testFetch()` is the editor's test fetch (a PollContext in mode 'manual', as WorkflowExecute makes).
 * `savedStaticData()` is the workflow static data as n8n would store it; a new TestPoller built from it
 * is n8n restarting.
 */
export class TestPoller {
	readonly workflow: Workflow;

	private readonly nodeName: string;

	private readonly additionalData: IWorkflowExecuteAdditionalData;

	private context?: PollContext;

	constructor(private readonly options: TestPollerOptions) {
		const { nodeType } = options;
		const typeName = `${PACKAGE_PREFIX}${nodeType.description.name}`;
		this.nodeName = options.nodeName ?? nodeType.description.defaults?.name ?? 'Poll trigger';
		const node: INode = {
			id: 'poll-trigger-under-test',
			name: this.nodeName,
			type: typeName,
			typeVersion: latestVersion(nodeType),
			position: [0, 0],
			parameters: options.parameters,
			credentials: Object.fromEntries(
				Object.keys(options.credentials).map((name) => [name, credentialDetails(name)]),
			),
		};
		this.workflow = new Workflow({
			id: 'greenflux-poll-test',
			name: 'GreenFlux poll test',
			nodes: [node],
			connections: {},
			nodeTypes: new TestNodeTypes({ [typeName]: nodeType }),
			active: true,
			staticData: structuredClone(options.staticData ?? {}),
			settings: { executionOrder: 'v1', timezone: options.timezone ?? 'UTC' },
		});
		this.additionalData = createAdditionalData(
			new TestCredentialsHelper(options.credentials, options.credentialTypes),
		);
	}

	/** The node as the Workflow holds it (parameters with their defaults). */
	node(): INode {
		return this.workflow.getNode(this.nodeName)!;
	}

	/** One scheduled poll. */
	async poll(): Promise<TestPollResult> {
		const Context = await pollContextClass();
		this.context ??= new Context(
			this.workflow,
			this.node(),
			this.additionalData,
			'trigger',
			this.options.activation ?? 'activate',
		);
		return await this.run(this.context);
	}

	/** The editor's test fetch ("Fetch Test Event"): mode 'manual'. */
	async testFetch(): Promise<TestPollResult> {
		const Context = await pollContextClass();
		return await this.run(
			new Context(this.workflow, this.node(), this.additionalData, 'manual', 'manual'),
		);
	}

	/** The node's static data right now (a copy). */
	nodeStaticData(): IDataObject {
		return structuredClone(
			JSON.parse(JSON.stringify(this.workflow.getStaticData('node', this.node()))) as IDataObject,
		);
	}

	/** The workflow static data as n8n would save it (a copy), e.g. to restart from. */
	savedStaticData(): IDataObject {
		return JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
	}

	private async run(context: PollContext): Promise<TestPollResult> {
		const poll = this.options.nodeType.poll;
		if (!poll) throw new UnexpectedError('The node under test has no poll()');
		try {
			const result = await poll.call(context);
			return { items: result ? (result[0] ?? []) : null };
		} catch (error) {
			return { items: null, error: error as Error };
		}
	}
}
