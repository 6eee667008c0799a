// Every table of the model can be extended through CheckOptions, read the
// same way by all four checks. Without the options the file is clean: the
// project's own thread class, join and wait functions, thread creator and
// never-destroyed wrapper mean nothing to the defaults.
//
// RUN: %shutdown_tidy %s -- -std=c++17 2>&1 | FileCheck %s --check-prefix=DEFAULT --allow-empty --implicit-check-not="{{warning|error}}:"
// RUN: %clang_tidy_plugin %s --config="{CheckOptions: {ThreadTypes: 'std::thread;app::Thread', JoinFunctions: 'pthread_join;app_join', WaitFunctions: 'app_wait:0:1', ThreadCreateFunctions: 'app_spawn:-1:0:1', NoDestructorTemplates: 'app::Immortal'}}" -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --config="{CheckOptions: {ThreadTypes: 'std::thread;app::Thread', JoinFunctions: 'pthread_join;app_join', WaitFunctions: 'app_wait:0:1', ThreadCreateFunctions: 'app_spawn:-1:0:1', NoDestructorTemplates: 'app::Immortal'}}" -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// DEFAULT-NOT: warning

namespace app {
// A project thread class with its own join(): a ThreadTypes entry.
class Thread {
public:
  void join();
};
// A never-destroyed wrapper: a NoDestructorTemplates entry. It owns its
// object through a pointer it releases, so the object is never destroyed,
// which the model cannot see without the option.
template <typename T> struct Owner {
  T *P = nullptr;
  ~Owner() { delete P; }
  T *release() { T *R = P; P = nullptr; return R; }
};
template <typename T> class Immortal {
public:
  Immortal() { O.P = new T; }
  ~Immortal() { O.release(); }
  T &get() { return *O.P; }
private:
  Owner<T> O;
};
} // namespace app

using Handle = void *;
Handle app_spawn(void (*Body)());    // returns a waitable thread handle
void app_wait(Handle H, unsigned Ms); // waits on a handle
void app_join(int Id);               // joins a thread by id
static void body() {}

// CHECK: :[[@LINE+1]]:7: warning: 'Pool' has a static-storage instance and its threads 'Pool::H', 'Pool::T' stop only during static teardown{{.*}} [shutdown-singleton-thread-without-uninit]
class Pool {
public:
  void start() { H = app_spawn(body); }
  ~Pool() {
    // CHECK: :[[@LINE+1]]:5: warning: 'app::Thread::join' waits for thread 'T' during static teardown{{.*}} [shutdown-join-in-teardown]
    T.join();
    // CHECK: :[[@LINE+1]]:5: warning: 'app_join' waits for thread '7' during static teardown{{.*}} [shutdown-join-in-teardown]
    app_join(7);
    // CHECK: :[[@LINE+2]]:5: warning: 'app_wait' waits up to 1000 ms on thread handle 'H' during static teardown{{.*}} [shutdown-wait-thread-handle-in-teardown]
    // CHECK: :[[@LINE-7]]:22: note: the waited thread is started here by 'app_spawn', running 'body'
    app_wait(H, 1000);
    // A poll: the timeout argument is 0.
    app_wait(H, 0);
  }

private:
  app::Thread T;
  Handle H = nullptr;
};
Pool gPool;

// The same class inside the never-destroyed wrapper: silent.
app::Immortal<Pool> gImmortal;
