import type { OperationDefinition } from '../../shared/operations';

export const sessionOperations: OperationDefinition[] = [];
