// shutdown-join-in-teardown and leaked singletons: an object that is never
// destroyed never joins. 'Worker' below is only ever leaked (new without
// delete, *new, placement new into static storage, NoDestructor<Worker>), so
// its joining destructor must not be reported. The positives are the forms
// that do destroy their object, each with a class of its own.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*,-shutdown-singleton-thread-without-uninit' -- -std=c++20 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <cstdlib>
#include <memory>
#include <new>
#include <thread>
#include <utility>

static void work() {}

class Worker {
public:
  Worker() : t_(work) {}
  ~Worker() { t_.join(); }

private:
  std::thread t_;
};

// ---- Negatives: Worker is leaked in every way. ----------------------------

// static T* p = new T, never deleted; namespace scope and function-local.
static Worker *gLeaked = new Worker;
Worker &leakedInstance() {
  static Worker *W = new Worker;
  return *W;
}

// static T& r = *new T.
static Worker &gLeakedRef = *new Worker;
Worker &leakedRefInstance() {
  static Worker &W = *new Worker;
  return W;
}

// Placement new into static storage.
alignas(Worker) static unsigned char gStorage[sizeof(Worker)];
static Worker *gPlaced = new (gStorage) Worker;
Worker &placedInstance() {
  alignas(Worker) static unsigned char Buf[sizeof(Worker)];
  static Worker *W = ::new (Buf) Worker;
  return *W;
}

// A NoDestructor wrapper: its destructor leaves the payload alone.
template <typename T> class NoDestructor {
public:
  template <typename... Args> explicit NoDestructor(Args &&...A) {
    new (&Value) T(std::forward<Args>(A)...);
  }
  ~NoDestructor() {}
  T &operator*() { return Value; }
  T *operator->() { return &Value; }

private:
  union {
    T Value;
  };
};
static NoDestructor<Worker> gNoDestructor;
Worker &noDestructorInstance() {
  static NoDestructor<Worker> W;
  return *W;
}

// ---- Positives: the same forms, destroyed. --------------------------------

// A function-local static object: destroyed at exit.
class Flusher {
public:
  Flusher() : t_(work) {}
  ~Flusher() {
    // CHECK: :[[@LINE+2]]:5: warning: 'std::thread::join' waits for thread 't_' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+8]]:18: note: 'flusherInstance::F' has static storage: it is destroyed at exit
    t_.join();
  }

private:
  std::thread t_;
};
Flusher &flusherInstance() {
  static Flusher F;
  return F;
}

// A leaked-looking pointer that an atexit handler deletes after all.
class Spooler {
public:
  Spooler() : t_(work) {}
  ~Spooler() {
    // CHECK: :[[@LINE+3]]:5: warning: 'std::thread::join' waits for thread 't_' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+34]]:3: note: 'deleteSpooler' is registered with 'atexit' here: it runs at exit
    // CHECK: :[[@LINE+9]]:3: note: 'deleteSpooler' deletes an object of type 'Spooler' here
    t_.join();
  }

private:
  std::thread t_;
};
static Spooler *gSpooler = new Spooler;
static void deleteSpooler() {
  delete gSpooler;
}

// The owning pointer a leak would have avoided.
class Printer {
public:
  Printer() : t_(work) {}
  ~Printer() {
    // CHECK: :[[@LINE+2]]:5: warning: 'std::thread::join' waits for thread 't_' during static teardown; exit hangs{{.*}} [shutdown-join-in-teardown]
    // CHECK: :[[@LINE+7]]:33: note: 'gPrinter' has static storage: it is destroyed at exit
    t_.join();
  }

private:
  std::thread t_;
};
static std::unique_ptr<Printer> gPrinter(new Printer);

int main() {
  leakedInstance();
  leakedRefInstance();
  placedInstance();
  noDestructorInstance();
  flusherInstance();
  std::atexit(deleteSpooler);
}
