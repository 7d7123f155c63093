# lorenz: Who is read: the Lorenz curve of reads per resident
# Re-run in this folder with: gnuplot chart-lorenz.gp
set terminal svg size 700,620 fixed noenhanced font 'DejaVu Sans,13' background rgb 'white'
set output 'chart-lorenz.svg'
set title "Who is read: the Lorenz curve of reads per resident\nSample City ALPR program, 2025, 2025-01-01 to 2025-12-31"
set border 3
set tics nomirror
set grid ytics lc rgb '#dddddd'
set key off
set size ratio 1
set xrange [0:1]
set yrange [0:1]
set xlabel 'share of residents (areas from least to most read per resident)'
set ylabel 'share of reads'
set key top left
set label 1 'Gini 0.369 (95 % interval 0.364 to 0.374)' at graph 0.05, graph 0.80
plot x with lines dt 2 lc rgb '#555555' title 'equal exposure', \
     'chart-lorenz.dat' using 1:2 with linespoints pt 7 lw 2 lc rgb '#0072B2' title 'this study'
set terminal pngcairo size 700,620 noenhanced font 'DejaVu Sans,10' background rgb 'white'
set output 'chart-lorenz.png'
replot
set output
