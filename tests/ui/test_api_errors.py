"""The running app's edges: the /ask API refuses arguments of the wrong kind with a real
error, wrong passwords are slowed down per client, fractional upload limits hold."""

import time

import httpx
import pytest

from tests.ui.conftest import serve_app

pytestmark = pytest.mark.slow

USER, PASSWORD = "canbo", "mat-khau-1"


@pytest.fixture(scope="module")
def locked(tmp_path_factory):
    app, url, settings = serve_app(
        tmp_path_factory, auth_user=USER, auth_password=PASSWORD, login_delay=0.4, max_upload_mb=0.5
    )
    yield app, url, settings
    app.close()


def _login(url, password):
    t0 = time.perf_counter()
    r = httpx.post(url + "login", data={"username": USER, "password": password}, timeout=60)
    return r.status_code, time.perf_counter() - t0


def test_wrong_passwords_are_slowed_down_then_a_right_one_resets(locked):
    _, url, _ = locked
    fast = [_login(url, "sai")[1] for _ in range(3)]
    assert max(fast) < 0.4  # the first failures are answered at once
    slow = [_login(url, "sai") for _ in range(3)]
    assert [s for s, _ in slow] == [400, 400, 400]
    assert slow[0][1] >= 0.4 and slow[1][1] >= 0.8 and slow[2][1] >= 1.6  # doubling
    status, took = _login(url, PASSWORD)
    assert status == 200 and took < 0.4  # a right password is never delayed...
    assert _login(url, "sai")[1] < 0.4  # ...and starts the count over


def test_ask_api_refuses_wrong_arguments_with_an_error(locked):
    from gradio_client import Client

    _, url, _ = locked
    client = Client(url, auth=(USER, PASSWORD), verbose=False)
    with pytest.raises(Exception) as err:
        client.predict("Ai chủ trì hội nghị?", "Câu trước", api_name="/ask")
    assert "history" in str(err.value)
    with pytest.raises(Exception) as err:
        client.predict(12345, [], api_name="/ask")
    assert "question" in str(err.value)
    ok = client.predict("Ai chủ trì Hội nghị triển khai kế hoạch hoạt động năm 2021 của Khối Thi đua số III?",
                        ["Khối Thi đua số III là gì?"], api_name="/ask")
    assert ok["found"] and ok["citations"]


def test_half_a_megabyte_upload_limit(locked):
    app, _, _ = locked
    assert app.max_file_size == 512 * 1024
