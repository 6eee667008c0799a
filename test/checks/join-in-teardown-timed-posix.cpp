// Timed joins of POSIX and of thread libraries, threads joined by a static
// joining-thread object, and objects destroyed with std::destroy and
// std::destroy_n from a static holder's destructor. A timed join is still a
// hazard at teardown (exit stalls until the bound); a try-join is a poll,
// and a holder that never destroys its object leaks it: no finding.
//
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <pthread.h>
#include <time.h>
#include <memory>
#include <new>
#include <thread>

static void *body(void *) { return nullptr; }

// An absolute deadline: the bound is not a constant.
struct Timed {
  Timed() { pthread_create(&tid, nullptr, body, nullptr); }
  ~Timed() {
    timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 2;
    // CHECK: :[[@LINE+1]]:5: warning: 'pthread_timedjoin_np' waits for a bounded time for thread 'tid' during static teardown; exit stalls until the timeout if the thread does not finish [shutdown-join-in-teardown]
    pthread_timedjoin_np(tid, nullptr, &deadline);
  }
  pthread_t tid;
};
Timed gTimed;

// A try-join does not wait.
struct Poll {
  Poll() { pthread_create(&tid, nullptr, body, nullptr); }
  ~Poll() { pthread_tryjoin_np(tid, nullptr); }
  pthread_t tid;
};
Poll gPoll;

// Poco's join with a bound in milliseconds (compiled in the library).
namespace Poco {
class Runnable {
public:
  virtual ~Runnable();
  virtual void run() = 0;
};
class Thread {
public:
  Thread();
  ~Thread();
  void start(Runnable &target);
  void join();
  void join(long milliseconds);
  bool tryJoin(long milliseconds);
};
} // namespace Poco
struct Task : Poco::Runnable {
  void run() override {}
};
struct PocoService {
  PocoService() { thread.start(task); }
  // CHECK: :[[@LINE+1]]:20: warning: 'Poco::Thread::join' waits up to 1500 ms for thread 'thread' during static teardown; exit stalls for up to 1500 ms if the thread does not finish [shutdown-join-in-teardown]
  ~PocoService() { thread.join(1500); }
  Task task;
  Poco::Thread thread;
};
PocoService gPocoService;

// Boost's timed_join, and a static boost::scoped_thread, which joins when
// it is destroyed.
namespace boost {
namespace posix_time {
struct time_duration {};
time_duration milliseconds(long);
} // namespace posix_time
class thread {
public:
  template <class F> explicit thread(F f);
  ~thread();
  void join();
  bool timed_join(const posix_time::time_duration &);
};
template <class Callable = void> class scoped_thread {
public:
  template <class F> explicit scoped_thread(F f);
  ~scoped_thread();
};
} // namespace boost
struct BoostService {
  BoostService() : t(work) {}
  // CHECK: :[[@LINE+1]]:21: warning: 'boost::thread::timed_join' waits for a bounded time for thread 't' during static teardown; exit stalls until the timeout if the thread does not finish [shutdown-join-in-teardown]
  ~BoostService() { t.timed_join(boost::posix_time::milliseconds(700)); }
  static void work() {}
  boost::thread t;
};
BoostService gBoostService;

static void work() {}
// CHECK: :[[@LINE+2]]:24: warning: destroying 'gScoped' ('boost::scoped_thread') joins its thread during static teardown; exit hangs if the thread does not finish{{.*}} [shutdown-join-in-teardown]
// CHECK-NOT: gLocalScoped
boost::scoped_thread<> gScoped(work);
void runOnce() { boost::scoped_thread<> gLocalScoped(work); }

// Objects made with placement new in a static holder's storage. The class
// is written by a macro: the joined thread is named as spelled in its body.
#define WORKER(Name)                                                           \
  struct Name {                                                                \
    Name() : t([] {}) {}                                                       \
    ~Name() { t.join(); }                                                      \
    std::thread t;                                                             \
  };
// std::destroy over a range.
// CHECK: :[[@LINE+1]]:1: warning: 'std::thread::join' waits for thread 't' during static teardown{{.*}} [shutdown-join-in-teardown]
WORKER(Ranged)
struct Holder {
  Holder() {
    for (int i = 0; i < 2; ++i)
      new (&buf[i * sizeof(Ranged)]) Ranged;
  }
  ~Holder() {
    auto *w = reinterpret_cast<Ranged *>(buf);
    std::destroy(w, w + 2);
    // CHECK: :[[@LINE-1]]:5: note: 'Holder::~Holder' destroys 'w' of type 'Ranged'
  }
  alignas(Ranged) unsigned char buf[2 * sizeof(Ranged)];
};
Holder gHolder;
// std::destroy_n over a count.
// CHECK: :[[@LINE+1]]:1: warning: 'std::thread::join' waits for thread 't' during static teardown{{.*}} [shutdown-join-in-teardown]
WORKER(Counted)
struct HolderN {
  HolderN() { new (buf) Counted; }
  ~HolderN() { std::destroy_n(reinterpret_cast<Counted *>(buf), 1); }
  // CHECK: :[[@LINE-1]]:16: note: 'HolderN::~HolderN' destroys 'reinterpret_cast<Counted *>(buf)' of type 'Counted'
  alignas(Counted) unsigned char buf[sizeof(Counted)];
};
HolderN gHolderN;
// Never destroyed: a leak, not a finding.
WORKER(Leaked)
struct Leaky {
  Leaky() { new (buf) Leaked; }
  alignas(Leaked) unsigned char buf[sizeof(Leaked)];
};
Leaky gLeaky;

int main() {}
