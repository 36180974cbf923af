/**
 * Where the queue lives: parsing `redis://HOST:PORT[/DB]` and opening a checked connection. The
 * check is a PING with a deadline, so an unreachable or silent address fails in seconds with a
 * ResourceError that names it, instead of ioredis retrying forever.
 */
import type { RedisOptions } from "bullmq";
import { Redis } from "ioredis";
import { ArgumentError, ResourceError } from "../errors.js";

/** A parsed queue address. */
export interface RedisAddress {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  /** The address as given, password hidden: for messages. */
  display: string;
}

/**
 * Parses `redis://[user:password@]HOST[:PORT][/DB]` (port 6379 and db 0 by default).
 * @example
 * parseRedisUrl("redis://127.0.0.1:6380/2"); // { host: "127.0.0.1", port: 6380, db: 2, ... }
 */
export function parseRedisUrl(url: string): RedisAddress {
  const expected = "redis://HOST:PORT[/DB], e.g. redis://127.0.0.1:6379/0";
  if (typeof url !== "string") {
    throw new ArgumentError(`queue must be a URL ${expected}, got ${String(url)}`);
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new ArgumentError(`queue must be a URL ${expected}, got ${JSON.stringify(url)}`);
  }
  if (u.protocol !== "redis:" || u.hostname === "" || u.search !== "" || u.hash !== "") {
    throw new ArgumentError(`queue must be a URL ${expected}, got ${JSON.stringify(url)}`);
  }
  const port = u.port === "" ? 6379 : Number(u.port);
  const path = u.pathname.replace(/^\//, "");
  const db = path === "" ? 0 : Number(path);
  if (!Number.isInteger(db) || db < 0 || db > 15 || !/^\d*$/.test(path)) {
    throw new ArgumentError(
      `queue: the database number must be 0..15, got ${JSON.stringify(path)} in ${JSON.stringify(url)}`,
    );
  }
  const host = u.hostname.replace(/^\[(.*)\]$/, "$1");
  return {
    host,
    port,
    db,
    ...(u.username === "" ? {} : { username: decodeURIComponent(u.username) }),
    ...(u.password === "" ? {} : { password: decodeURIComponent(u.password) }),
    display: `redis://${u.host}/${db}`,
  };
}

/** Reconnect quickly a few times, then every 2 s (a restarted Redis comes back). */
function reconnectDelay(times: number): number {
  return Math.min(100 * times, 2000);
}

/** Connection options for `address` (BullMQ's, which it hands to ioredis); `blocking` ones
 * (workers, event readers) retry requests forever, as BullMQ requires. * @example
 * new Queue("qoar", { connection: redisOptions(parseRedisUrl(url), false) });
 */
export function redisOptions(address: RedisAddress, blocking: boolean): RedisOptions {
  return {
    host: address.host,
    port: address.port,
    db: address.db,
    ...(address.username === undefined ? {} : { username: address.username }),
    ...(address.password === undefined ? {} : { password: address.password }),
    connectTimeout: 3000,
    maxRetriesPerRequest: blocking ? null : 3,
    retryStrategy: reconnectDelay,
  };
}

/**
 * A connection to `address` that answered PING within `timeoutMs` (default 4000), or a
 * ResourceError that says which address could not be reached and why.
 * @example
 * const redis = await connectRedis(parseRedisUrl("redis://127.0.0.1:6379"));
 * await redis.quit();
 */
export async function connectRedis(address: RedisAddress, timeoutMs = 4000): Promise<Redis> {
  const client = new Redis({
    ...redisOptions(address, false),
    lazyConnect: true,
    connectTimeout: Math.min(3000, timeoutMs),
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  let lastError = "no answer";
  client.on("error", (e: Error) => {
    lastError = e.message;
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([client.connect().then(() => client.ping()), deadline]);
  } catch (e) {
    client.disconnect();
    // the client's own error event says more ("connect ECONNREFUSED ...") than the rejection
    const why = lastError !== "no answer" ? lastError : e instanceof Error ? e.message : String(e);
    throw new ResourceError(
      `cannot reach Redis at ${address.display} (${why}); start redis-server there or fix the queue URL`,
    );
  } finally {
    clearTimeout(timer);
  }
  // from here on, behave like a normal client: reconnect and queue commands while offline
  client.options.retryStrategy = reconnectDelay;
  client.options.maxRetriesPerRequest = 3;
  client.options.enableOfflineQueue = true;
  return client;
}

/**
 * Redis keys of a queue's stored outcomes.
 * @example
 * outcomeKeys("qoar").results; // "qoar:qoar:results"
 */
export function outcomeKeys(queueName: string): { results: string; failures: string } {
  return { results: `qoar:${queueName}:results`, failures: `qoar:${queueName}:failures` };
}
