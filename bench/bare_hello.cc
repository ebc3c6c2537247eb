// The baseline for bench/run healthz: a bare cpp-httplib server with the same tuning as
// Tsunagu's (TCP_NODELAY, long keep-alive, same thread count) answering a fixed JSON body.
// Usage: bench_bare_hello PORT [THREADS]; PORT 0 picks a free port. Prints the port it serves on.
#include <httplib.h>

#include <cstdlib>
#include <iostream>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bench_bare_hello PORT [THREADS]\n";
    return 2;
  }
  int port = std::atoi(argv[1]);
  size_t threads = argc > 2 ? static_cast<size_t>(std::atoi(argv[2])) : 64;
  httplib::Server server;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(100000);
  server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"status":"ok","version":"bare","schema_version":0})", "application/json");
  });
  if (port == 0) {
    port = server.bind_to_any_port("127.0.0.1");
  } else if (!server.bind_to_port("127.0.0.1", port)) {
    port = -1;
  }
  if (port <= 0) {
    std::cerr << "bench_bare_hello: cannot bind\n";
    return 1;
  }
  std::cout << "bare listening on http://127.0.0.1:" << port << std::endl;
  return server.listen_after_bind() ? 0 : 1;
}
