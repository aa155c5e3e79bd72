/**
 * Files shipped in the official nginx image. The welcome pages and configs are facts (learners
 * compare `curl` output with what they see on real clusters); the entrypoint scripts are abridged,
 * in our own words, keeping only what shapes the startup log (reference §10.1).
 */

// The two welcome pages differ only in their style sheet.
const WELCOME_HEAD = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
`;

const WELCOME_BODY = `</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** nginx ≥ 1.21: 615 bytes. */
export const NGINX_INDEX_HTML = `${WELCOME_HEAD}html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
${WELCOME_BODY}`;

/** nginx ≤ 1.20: 612 bytes, no color-scheme line, indented CSS block. */
export const NGINX_INDEX_HTML_1_20 = `${WELCOME_HEAD}    body {
        width: 35em;
        margin: 0 auto;
        font-family: Tahoma, Verdana, Arial, sans-serif;
    }
${WELCOME_BODY}`;

/** [mem] The page served for 500/502/503/504 by the default server block. */
export const NGINX_50X_HTML = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

/** `/etc/nginx/nginx.conf`; older images log errors at `warn` instead of `notice`. */
export function nginxConf(errorLogLevel: 'notice' | 'warn'): string {
  return `
user  nginx;
worker_processes  auto;

error_log  /var/log/nginx/error.log ${errorLogLevel};
pid        /var/run/nginx.pid;


events {
    worker_connections  1024;
}


http {
    include       /etc/nginx/mime.types;
    default_type  application/octet-stream;

    log_format  main  '$remote_addr - $remote_user [$time_local] "$request" '
                      '$status $body_bytes_sent "$http_referer" '
                      '"$http_user_agent" "$http_x_forwarded_for"';

    access_log  /var/log/nginx/access.log  main;

    sendfile        on;
    #tcp_nopush     on;

    keepalive_timeout  65;

    #gzip  on;

    include /etc/nginx/conf.d/*.conf;
}
`;
}

/**
 * `/etc/nginx/conf.d/default.conf` as shipped (abridged: the commented PHP examples are left out).
 * It listens on IPv4 only; `10-listen-on-ipv6-by-default.sh` adds `listen [::]:80;` at startup.
 */
export const NGINX_DEFAULT_CONF = `server {
    listen       80;
    server_name  localhost;

    #access_log  /var/log/nginx/host.access.log  main;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    #error_page  404              /404.html;

    # redirect server error pages to the static page /50x.html
    #
    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

/** Our abridged entrypoint: runs /docker-entrypoint.d/* when the command is nginx, then execs it. */
export const NGINX_DOCKER_ENTRYPOINT = `#!/bin/sh
# Abridged for kubeplay. When the command is nginx, run the scripts in /docker-entrypoint.d/
# (*.sh are executed, *.envsh are sourced), then replace this shell with the command.
set -e
if [ "$1" = "nginx" ] || [ "$1" = "nginx-debug" ]; then
    echo "$0: /docker-entrypoint.d/ is not empty, will attempt to perform configuration"
    echo "$0: Looking for shell scripts in /docker-entrypoint.d/"
    for f in /docker-entrypoint.d/*; do
        case "$f" in
            *.envsh) echo "$0: Sourcing $f"; . "$f" ;;
            *.sh) echo "$0: Launching $f"; "$f" ;;
        esac
    done
    echo "$0: Configuration complete; ready for start up"
fi
exec "$@"
`;

/** Abridged hook scripts; each prints the lines the real one prints on a default image. */
export function nginxEntrypointScripts(withLocalResolvers: boolean): Record<string, string> {
  const scripts: Record<string, string> = {
    '/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh': `#!/bin/sh
# Abridged for kubeplay: adds "listen [::]:80;" to the default server block.
ME=$(basename "$0")
echo "$ME: info: Getting the checksum of /etc/nginx/conf.d/default.conf"
echo "$ME: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf"
`,
    '/docker-entrypoint.d/20-envsubst-on-templates.sh': `#!/bin/sh
# Abridged for kubeplay: renders /etc/nginx/templates/*.template with envsubst (none by default).
exit 0
`,
    '/docker-entrypoint.d/30-tune-worker-processes.sh': `#!/bin/sh
# Abridged for kubeplay: only acts when NGINX_ENTRYPOINT_WORKER_PROCESSES_AUTOTUNE is set.
exit 0
`,
  };
  if (withLocalResolvers) {
    scripts['/docker-entrypoint.d/15-local-resolvers.envsh'] = `#!/bin/sh
# Abridged for kubeplay: exports NGINX_LOCAL_RESOLVERS when NGINX_ENTRYPOINT_LOCAL_RESOLVERS is set.
true
`;
  }
  return scripts;
}
