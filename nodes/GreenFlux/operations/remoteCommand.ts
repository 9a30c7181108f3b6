import type { OperationDefinition } from '../../shared/operations';

export const remoteCommandOperations: OperationDefinition[] = [];
