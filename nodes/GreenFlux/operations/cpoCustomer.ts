import type { OperationDefinition } from '../../shared/operations';

export const cpoCustomerOperations: OperationDefinition[] = [];
