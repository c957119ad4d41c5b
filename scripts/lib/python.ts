/** A Python 3 that can import torch and numpy: $PYTHON, else python3, else Debian's. */
import { spawnSync } from 'node:child_process';

export const INSTALL_TORCH =
  'PyTorch is not installed for python3. Install it with `apt-get install python3-torch` (Debian 12 ships 1.13, which is enough) or `pip install torch numpy`, or point $PYTHON at a Python that has it.';

export function findTorchPython(): string | null {
  const candidates = [process.env.PYTHON, 'python3', '/usr/bin/python3'].filter(
    (c): c is string => typeof c === 'string' && c !== '',
  );
  for (const python of candidates) {
    const probe = spawnSync(python, ['-c', 'import torch, numpy'], { stdio: 'ignore' });
    if (probe.status === 0) return python;
  }
  return null;
}

/** torchrun beside that Python (Debian puts it in /usr/bin), as `python -m torch.distributed.run`. */
export function torchrunArgs(python: string, processes: number): [string, string[]] {
  return [
    python,
    [
      '-m',
      'torch.distributed.run',
      `--nproc_per_node=${processes}`,
      '--redirects',
      '1',
      '--tee',
      '1',
    ],
  ];
}
