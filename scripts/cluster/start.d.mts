export declare const DEFAULT_DATABASE_URL: string;
export declare const DEFAULT_PROXY_PORT: number;
export declare const DEFAULT_API_PORTS: readonly number[];

export interface ClusterOptions {
  /** Default CLUSTER_DATABASE_URL, else postgres://lastivka:lastivka@127.0.0.1:5432/lastivka_cluster. */
  readonly databaseUrl?: string;
  /** nginx's port on 127.0.0.1 (default 8180). */
  readonly proxyPort?: number;
  /** The API processes' ports on 127.0.0.1 (default 8181–8183). */
  readonly apiPorts?: readonly number[];
  /** DATA_DIR of every API process (sign-in secret, SMS outbox without a gateway); default a temp dir. */
  readonly dataDir?: string;
  readonly staticDir?: string;
  readonly stdio?: 'inherit' | 'pipe';
  readonly logLevel?: 'info' | 'warn' | 'error' | 'silent';
  readonly log?: (line: string) => void;
}

export interface ClusterApi {
  readonly port: number;
  readonly url: string;
  readonly running: boolean;
  start(): Promise<void>;
  kill9(): Promise<void>;
  stderrTail(): string;
}

export interface Cluster {
  /** nginx, the one URL clients use. */
  readonly url: string;
  readonly databaseUrl: string;
  readonly runDir: string;
  /** DATA_DIR of the API processes: `sms-outbox.jsonl` there holds the sign-in codes. */
  readonly dataDir: string;
  readonly apis: readonly ClusterApi[];
  /** One line per request: `… "POST /api/sync/push HTTP/1.1" 200 … upstream=a[, b] upstream_status=…`. */
  nginxAccessLog(): string;
  nginxErrorLog(): string;
  stop(): Promise<void>;
}

export declare function startCluster(options?: ClusterOptions): Promise<Cluster>;
export declare function ensurePostgres(connectionString: string, log?: (line: string) => void): Promise<void>;
export declare function pushMaxBytes(): number;
export declare function redact(url: string): string;
/** The nginx binary; throws with an install hint when there is none. */
export declare function findNginx(): string;
