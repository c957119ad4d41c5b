import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BACKEND_NAMES, type BackendName } from '../protocol/messages';
import { useRunStore } from '../state/run-store';
import { WorkerClient } from '../worker-client/client';
import { WorkerClientContext } from '../worker-client/context';
import { App } from './App';
import './styles.css';

/** `?backend=webgl` puts a backend first in the worker's preference order. */
function requestedBackend(): BackendName | undefined {
  const asked = new URLSearchParams(window.location.search).get('backend');
  return BACKEND_NAMES.find((b) => b === asked);
}

const client = new WorkerClient();
client.subscribe((message) => {
  useRunStore.getState().receive(message);
});
client.connect(requestedBackend());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <WorkerClientContext value={client}>
      <App />
    </WorkerClientContext>
  </StrictMode>,
);
