#include <thread>

static void work() {}
struct Worker {
  std::thread T{work};
  ~Worker() { T.join(); }
};
Worker gWorker;
