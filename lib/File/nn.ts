/** The nn classes for torch.load: loading nn/index.js registers them (kept for imports that name this file). */
export { nn } from '../../nn/index.js';
