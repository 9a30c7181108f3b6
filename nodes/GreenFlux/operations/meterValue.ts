import type { OperationDefinition } from '../../shared/operations';

export const meterValueOperations: OperationDefinition[] = [];
