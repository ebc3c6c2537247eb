#include "app/runtime.h"

#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <csignal>
#include <cstdlib>
#include <exception>

#include "common/log.h"

namespace tsunagu::app {

struct Runtime::Timer {
  boost::asio::steady_timer timer;
  std::chrono::milliseconds interval;
  std::string name;
  std::function<void()> task;
};

Runtime::Runtime() : work_(boost::asio::make_work_guard(io_)), signals_(io_), hangups_(io_) {}

Runtime::~Runtime() { stop(); }

void Runtime::every(std::chrono::milliseconds interval, std::string name,
                    std::function<void()> task) {
  auto timer = std::make_shared<Timer>(
      Timer{boost::asio::steady_timer(io_), interval, std::move(name), std::move(task)});
  boost::asio::post(io_, [this, timer] { arm(timer); });
}

void Runtime::arm(std::shared_ptr<Timer> timer) {
  timer->timer.expires_after(timer->interval);
  timer->timer.async_wait([this, timer](const boost::system::error_code& ec) {
    if (ec) return;  // cancelled at shutdown
    try {
      timer->task();
    } catch (const std::exception& e) {
      LOG(kError) << "scheduled task " << timer->name << " failed: " << e.what();
    }
    arm(timer);
  });
}

void Runtime::on_signal(std::function<void(int)> handler) {
  signals_.add(SIGINT);
  signals_.add(SIGTERM);
  signals_.async_wait(
      [this, handler = std::move(handler)](const boost::system::error_code& ec, int sig) {
        if (ec) return;
        handler(sig);
        signals_.async_wait([](const boost::system::error_code& again, int second) {
          if (again) return;
          LOG(kWarn) << "signal " << second << " again: exiting at once, without finishing";
          log::flush();
          std::_Exit(128 + second);
        });
      });
}

void Runtime::on_hangup(std::function<void()> handler) {
  hangup_handler_ = std::move(handler);
  hangups_.add(SIGHUP);
  await_hangup();
}

void Runtime::await_hangup() {
  hangups_.async_wait([this](const boost::system::error_code& ec, int) {
    if (ec) return;
    hangup_handler_();
    await_hangup();
  });
}

void Runtime::run() { io_.run(); }

void Runtime::stop() {
  work_.reset();
  io_.stop();
}

}  // namespace tsunagu::app
