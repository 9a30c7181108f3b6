import type { OperationDefinition } from '../../shared/operations';

export const locationV2Operations: OperationDefinition[] = [];
