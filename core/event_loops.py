"""Calling libraries whose synchronous API runs an event loop of its own (pyHanko) from any caller."""
import asyncio
import concurrent.futures


def outside_event_loop(function):
    """Call pyHanko's synchronous API, which runs its own event loop: in a thread of its own when the caller is
    inside one already (an async caller, a browser driver), where asyncio.run() would refuse."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return function()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(function).result()
