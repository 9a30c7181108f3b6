import type { OperationDefinition } from '../../shared/operations';

export const chargeStationConfigurationOperations: OperationDefinition[] = [];
