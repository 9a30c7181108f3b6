import type { OperationDefinition } from '../../shared/operations';

export const chargeStationOperations: OperationDefinition[] = [];
