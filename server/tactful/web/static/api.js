// Talking to the Tactful server that served this page. Every failure becomes an ApiError
// with a kind the page can explain calmly; nothing here throws anything else.

export class ApiError extends Error {
  constructor(kind, message, status = 0) {
    super(message);
    this.kind = kind; // "offline" | "too-long" | "rate-limited" | "unauthorized" | "rejected"
    this.status = status;
  }
}

const TIMEOUT_MS = 10000;

async function post(path, body) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let resp;
  try {
    resp = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
      signal: controller.signal,
      cache: "no-store",
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError("offline", "The Tactful server cannot be reached.");
  } finally {
    clearTimeout(timer);
  }
  let data = null;
  try {
    data = await resp.json();
  } catch {
    data = null;
  }
  if (resp.ok && data) return data;
  const message = data?.error?.message || `The server answered ${resp.status}.`;
  if (resp.status === 413) throw new ApiError("too-long", message, 413);
  if (resp.status === 429) throw new ApiError("rate-limited", message, 429);
  if (resp.status === 401) throw new ApiError("unauthorized", message, 401);
  if (resp.status >= 400 && resp.status < 500) throw new ApiError("rejected", message, resp.status);
  throw new ApiError("offline", message, resp.status);
}

export const analyze = (text, strictness) => post("/api/v1/analyze", { text, strictness });
export const rewrite = (text, strictness) => post("/api/v1/rewrite", { text, strictness });
