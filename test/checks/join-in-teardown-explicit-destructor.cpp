// Static holders that construct their object in place and destroy it with an
// explicit destructor call (aligned storage or a union member, with an
// "initialized" flag; std::destroy_at): the holder's destructor destroys the
// object at exit, so the object's join runs during static teardown, and each
// holder's class (the class of a static instance) is a singleton whose
// thread only teardown stops. A holder that never destroys its object leaks
// it: no finding.
//
// RUN: %clang_tidy_plugin %s --checks='-*,shutdown-*' -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"
// RUN: %shutdown_tidy %s --checks='-*,shutdown-*' -- -std=c++17 2>&1 | FileCheck %s --implicit-check-not="{{warning|error}}:"

#include <memory>
#include <new>
#include <thread>

static void work() {}

struct Worker {
  Worker() : t(work) {}
  ~Worker() {
    // CHECK: :[[@LINE+3]]:5: warning: 'std::thread::join' waits for thread 't' during static teardown{{.*}} [shutdown-join-in-teardown]
    // CHECK: note: 'gLazy' has static storage: it is destroyed at exit
    // CHECK: note: 'Lazy::~Lazy' destroys 'reinterpret_cast<T *>(buf_)' of type 'Worker'
    t.join();
  }
  std::thread t;
};

// ---- Aligned storage, placement new, a flag. ------------------------------

// CHECK: :[[@LINE+1]]:26: warning: 'Lazy' has a static-storage instance and its thread 'Worker::t' stops only during static teardown; add an explicit stop (UnInit) that joins it and call it before exit or unload [shutdown-singleton-thread-without-uninit]
template <class T> class Lazy {
public:
  T &get() {
    if (!init_) {
      new (buf_) T();
      init_ = true;
    }
    return *reinterpret_cast<T *>(buf_);
  }
  ~Lazy() {
    if (init_)
      reinterpret_cast<T *>(buf_)->~T();
  }

private:
  alignas(T) unsigned char buf_[sizeof(T)];
  bool init_ = false;
};
// CHECK: :[[@LINE+1]]:14: note: 'gLazy' has static storage: it is destroyed at exit
Lazy<Worker> gLazy;

// ---- A union member. ------------------------------------------------------

// CHECK: :[[@LINE+1]]:26: warning: 'Optional' has a static-storage instance and its thread 'Worker::t' stops only during static teardown{{.*}} [shutdown-singleton-thread-without-uninit]
template <class T> class Optional {
public:
  Optional() {}
  void emplace() {
    new (&value_) T();
    has_ = true;
  }
  ~Optional() {
    if (has_)
      value_.~T();
  }

private:
  union {
    T value_;
  };
  bool has_ = false;
};
// CHECK: :[[@LINE+1]]:18: note: 'gOptional' has static storage: it is destroyed at exit
Optional<Worker> gOptional;

// ---- std::destroy_at. -----------------------------------------------------

// CHECK: :[[@LINE+1]]:26: warning: 'Slot' has a static-storage instance and its thread 'Worker::t' stops only during static teardown{{.*}} [shutdown-singleton-thread-without-uninit]
template <class T> class Slot {
public:
  T *make() { return p_ = new (buf_) T(); }
  ~Slot() {
    if (p_)
      std::destroy_at(p_);
  }

private:
  alignas(T) unsigned char buf_[sizeof(T)];
  T *p_ = nullptr;
};
// CHECK: :[[@LINE+1]]:14: note: 'gSlot' has static storage: it is destroyed at exit
Slot<Worker> gSlot;

// ---- Negative: a holder that never destroys what it holds (a leak). -------

template <class T> class Leaky {
public:
  T &get() {
    static T *p = new (buf_) T();
    return *p;
  }

private:
  alignas(T) unsigned char buf_[sizeof(T)];
};
Leaky<Worker> gLeaky;

int main() {
  gLazy.get();
  gOptional.emplace();
  gSlot.make();
  gLeaky.get();
}
