/** The queue tests' throwaway redis-server: the one the jobs bench uses too. */
export { freePort, startTestRedis, stopChild, type TestRedis } from "../../src/jobs/local-redis.js";
