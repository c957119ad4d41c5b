/** Saves a file the page holds, the way a link with `download` does. */
export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  // The click has started the download; the URL is no longer needed once it has read the blob.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}
