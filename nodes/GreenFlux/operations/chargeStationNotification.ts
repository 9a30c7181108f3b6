import type { OperationDefinition } from '../../shared/operations';

export const chargeStationNotificationOperations: OperationDefinition[] = [];
