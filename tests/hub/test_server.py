"""The test server itself: the hub's tests stand on a real PostgreSQL, reached the way a user would."""

import psycopg


def test_the_server_takes_a_login_by_url_with_the_password_from_the_environment(hub_url):
    assert "hub-test-secret" not in hub_url
    with psycopg.connect(hub_url) as conn:
        assert conn.execute("select current_user").fetchone()[0] == "gelar"


def test_a_server_of_its_own_can_be_killed_and_started_again(own_cluster):
    own_cluster.stop("immediate")
    own_cluster.start()
    with psycopg.connect(own_cluster.url()) as conn:
        assert conn.execute("select 1").fetchone()[0] == 1


def test_a_server_of_its_own_can_be_killed_outright_and_started_again(own_cluster):
    own_cluster.stop("kill")
    own_cluster.start()
    with psycopg.connect(own_cluster.url()) as conn:
        assert conn.execute("select 1").fetchone()[0] == 1
