export function serveFolder(folder: string, port?: number): Promise<{ origin: string; close: () => Promise<void> }>;
