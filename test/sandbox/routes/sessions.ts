import type { Router } from '../http';
import type { SandboxState } from '../state';

export function registerSessionRoutes(_router: Router, _state: SandboxState): void {}
