import type { OperationDefinition } from '../../shared/operations';

export const tokenOperations: OperationDefinition[] = [];
