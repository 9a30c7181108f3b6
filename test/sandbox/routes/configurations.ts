import type { Router } from '../http';
import type { SandboxState } from '../state';

export function registerConfigurationRoutes(_router: Router, _state: SandboxState): void {}
