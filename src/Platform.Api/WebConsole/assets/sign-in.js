// Shows why the last sign-in did not work (the server answers a wrong key with ?failed=1 and no cookie).
if (new URLSearchParams(location.search).has("failed")) document.getElementById("failed").hidden = false;
