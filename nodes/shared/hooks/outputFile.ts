import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { OperationContext } from '../operations';

/**
 * One output item holding `content` as a file, in the binary field named by "Put Output File in
 * Field" (`binaryPropertyName`, see `outputFields` in operations/fields.ts).
 */
export async function outputFileItem(
	this: IExecuteFunctions,
	context: OperationContext,
	file: { content: string; fileName: string; mimeType: string },
	json: IDataObject,
): Promise<INodeExecutionData> {
	const field = String(context.values.binaryPropertyName ?? 'data');
	const binary = await this.helpers.prepareBinaryData(
		Buffer.from(file.content, 'utf8'),
		file.fileName,
		file.mimeType,
	);
	return { json, binary: { [field]: binary } };
}
