import type { Router } from '../http';
import type { SandboxState } from '../state';

export function registerMeterValueRoutes(_router: Router, _state: SandboxState): void {}
