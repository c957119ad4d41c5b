import { createContext, useContext } from 'react';
import type { WorkerClient } from './client';

export const WorkerClientContext = createContext<WorkerClient | null>(null);

/** The page's one WorkerClient, provided by the app shell. */
export function useWorkerClient(): WorkerClient {
  const client = useContext(WorkerClientContext);
  if (!client) throw new Error('useWorkerClient needs a WorkerClientContext provider');
  return client;
}
