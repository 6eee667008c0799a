// shutdown-join-in-teardown through virtual dispatch: a virtual call from a
// static destructor may reach every override, and destroying an object
// through a pointer to a base with a virtual destructor (delete, unique_ptr)
// may run the destructor of any derived class.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <memory>
#include <pthread.h>
#include <thread>
#include <vector>

static void work() {}
static void *routine(void *) { return nullptr; }

// ---- A virtual stop() called by a static's destructor. --------------------

struct Stoppable {
  virtual ~Stoppable() = default;
  virtual void stop() {} // Pure virtual: see join-in-teardown-pure-virtual.cpp.
};

class NetWorker : public Stoppable {
public:
  NetWorker() : t_(work) {}
  void stop() override {
    // CHECK: :[[@LINE+3]]:5: warning: 'std::thread::join' waits for thread 't_' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+55]]:12: note: 'gSupervisor' has static storage: it is destroyed at exit
    // CHECK: :[[@LINE+48]]:7: note: 'Supervisor::~Supervisor' calls 'Stoppable::stop' here, which may dispatch to 'NetWorker::stop'
    t_.join();
  }

private:
  std::thread t_;
};

class DiskWorker : public Stoppable {
public:
  DiskWorker() { pthread_create(&th_, nullptr, routine, nullptr); }
  void stop() override {
    // CHECK: :[[@LINE+3]]:5: warning: 'pthread_join' waits for thread 'th_' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+41]]:12: note: 'gSupervisor' has static storage: it is destroyed at exit
    // CHECK: :[[@LINE+34]]:7: note: 'Supervisor::~Supervisor' calls 'Stoppable::stop' here, which may dispatch to 'DiskWorker::stop'
    pthread_join(th_, nullptr);
  }

private:
  pthread_t th_;
};

// An override of an override: reached through the same virtual call.
class BatchNetWorker : public NetWorker {
public:
  void stop() override {
    // CHECK: :[[@LINE+3]]:5: warning: 'std::thread::join' waits for thread 'batch_' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+27]]:12: note: 'gSupervisor' has static storage: it is destroyed at exit
    // CHECK: :[[@LINE+20]]:7: note: 'Supervisor::~Supervisor' calls 'Stoppable::stop' here, which may dispatch to 'BatchNetWorker::stop'
    batch_.join();
    NetWorker::stop(); // A qualified call: NetWorker::stop, already reported.
  }

private:
  std::thread batch_{work};
};

// An override that joins nothing.
class NullWorker : public Stoppable {
public:
  void stop() override {}
};

class Supervisor {
public:
  void add(Stoppable *S) { children_.push_back(S); }
  ~Supervisor() {
    for (Stoppable *S : children_)
      S->stop();
  }

private:
  std::vector<Stoppable *> children_;
};
Supervisor gSupervisor;

// ---- Deleting through a base pointer with a virtual destructor. -----------

struct Plugin {
  virtual ~Plugin() {}
};
struct ArchivePlugin : Plugin {
  ArchivePlugin() : t(work) {}
  ~ArchivePlugin() override {
    // CHECK: :[[@LINE+4]]:5: warning: 'std::thread::join' waits for thread 't' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+14]]:12: note: 'gHost' has static storage: it is destroyed at exit
    // CHECK: :[[@LINE+9]]:7: note: 'PluginHost::~PluginHost' calls 'Plugin::~Plugin' here, which may dispatch to 'ArchivePlugin::~ArchivePlugin'
    // CHECK: :[[@LINE-5]]:21: note: the waited thread is started here by 'std::thread', running 'work'
    t.join();
  }
  std::thread t;
};
struct PluginHost {
  ~PluginHost() {
    for (Plugin *P : plugins)
      delete P;
  }
  std::vector<Plugin *> plugins;
};
PluginHost gHost;

// ---- A static std::unique_ptr<Base> that owns a derived object. -----------

struct Service {
  virtual ~Service() = default;
};
struct CacheService : Service {
  CacheService() : t(work) {}
  ~CacheService() override {
    // CHECK: :[[@LINE+3]]:5: warning: 'std::thread::join' waits for thread 't' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+6]]:33: note: 'gService' has static storage: it is destroyed at exit
    // CHECK: :[[@LINE+5]]:33: note: 'gService' destroys its 'Service', whose dynamic type may be 'CacheService'
    t.join();
  }
  std::thread t;
};
static std::unique_ptr<Service> gService = std::make_unique<CacheService>();

// ---- Negatives. ------------------------------------------------------------

// A virtual call made from ordinary code only.
void stopAll(std::vector<Stoppable *> &All) {
  for (Stoppable *S : All)
    S->stop();
}

// A hierarchy whose joining override is never reached from teardown: the
// static destroys a base whose destructor is not virtual.
struct Task {
  ~Task() {}
};
struct JoiningTask : Task {
  JoiningTask() : t(work) {}
  ~JoiningTask() { t.join(); }
  std::thread t;
};
struct TaskHolder {
  std::unique_ptr<Task> task;
};
TaskHolder gTaskHolder;

int main() {
  gSupervisor.add(new NetWorker);
  gSupervisor.add(new DiskWorker);
  gSupervisor.add(new BatchNetWorker);
  gSupervisor.add(new NullWorker);
  gHost.plugins.push_back(new ArchivePlugin);
  JoiningTask Local;
}
