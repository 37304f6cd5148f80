package io.hibernatecas.examples;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A sign-up: the username is unique, so find-or-create can tolerate the duplicate insert. */
@Entity
@Table(name = "demo_member")
public class Member {

    @Id
    @GeneratedValue
    Long id;

    @Column(unique = true, nullable = false)
    String username;

    protected Member() {
    }

    Member(String username) {
        this.username = username;
    }
}
